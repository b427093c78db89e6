using ResourceServer.AspNetCore.DevIssuer;

namespace MessagesApi.Web;

/// <summary><c>--help</c> or <c>-h</c> on the server: prints how to use it and its commands, and exits 0, starting nothing.</summary>
internal static class CommandLineHelp
{
    private const string ServerUsage = """
        Usage: MessagesApi [--environment NAME] [--KEY VALUE]...
               MessagesApi COMMAND [OPTIONS]          (COMMAND --help for its options)
        From the repository: dotnet run --project src/MessagesApi -- [ARGUMENTS]; dotnet run starts Development unless
        ASPNETCORE_ENVIRONMENT or --environment names another environment.

        Without a command, serves the API on PORT (6060 unless set). Its settings are environment variables or
        appsettings.json keys, each also --KEY VALUE (README, "Configuration"): AUTH0_DOMAIN, AUTH0_AUDIENCE, PORT,
        CLIENT_ORIGIN_URL, PUBLIC_URL, Auth0:*, ... In Development with AUTH0_DOMAIN unset, the API is its own issuer.

        Commands (the first three in Development with AUTH0_DOMAIN unset):
          token            print an access token from the development issuer
          dpop-proof       print a DPoP proof signed with the development DPoP key
          rotate-dev-key   rotate the development issuer's signing key
          healthcheck      exit 0 when the API on PORT answers /healthz (the container's HEALTHCHECK)
        """;

    /// <summary>How the README runs the API with arguments.</summary>
    public const string Invocation = "dotnet run --project src/MessagesApi --";

    /// <summary><see cref="Invocation"/> for the API on <paramref name="port"/>: a token names the issuer on its port, so
    /// the command carries PORT unless it is the default.</summary>
    public static string InvocationOn(int port) => (port == HostingOptions.DefaultPort ? "" : $"PORT={port} ") + Invocation;

    /// <summary>The server's usage when asked for; null otherwise, and the server starts.</summary>
    public static int? TryPrintServerUsage(string[] args) => HelpFlag.IsAsked(args) ? HelpFlag.Print(ServerUsage) : null;
}
