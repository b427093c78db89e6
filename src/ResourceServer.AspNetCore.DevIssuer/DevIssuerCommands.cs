using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>Command-line forms of the development issuer, which work without the server running:
/// <c>token [--permission P]... [--sub S] [--lifetime SECONDS] [--dpop | --cert FILE]</c> prints a token (with <c>--dpop</c>,
/// bound to the development DPoP key; with <c>--cert</c>, to the client certificate in FILE); <c>dpop-proof --url URL [--method M] [--token T]</c> prints a proof signed with that key;
/// <c>rotate-dev-key</c> rotates the issuer's key. Each prints its usage with <c>--help</c>.</summary>
internal static class DevIssuerCommands
{
    private const string DpopFlag = "--dpop";
    private const string CertificateOption = "cert";

    public static int? TryRun(WebApplicationBuilder builder, string[] args, string invocation)
    {
        if (args is not ["token" or "dpop-proof" or "rotate-dev-key", ..])
            return null;
        if (HelpFlag.IsAsked(args))
            return HelpFlag.Print(Usage(args[0], invocation));
        if (builder.Services.BoundOnce<DevIssuerOptions>() is not { } options)
            return Refuse("The development issuer exists only in Development with AUTH0_DOMAIN unset; get tokens from your issuer instead.");
        if (args[0] == "rotate-dev-key")
        {
            var rotation = new DevSigningKeys(Options.Create(options)).Rotate();
            Console.WriteLine($"Signing with {rotation.Next.KeyId} from now on; {rotation.Previous.KeyId} stays published until the next rotation.");
            return 0;
        }
        var bound = args[0] == "token" && args.Contains(DpopFlag);
        var given = args[1..].Where(arg => !bound || arg != DpopFlag).Chunk(2).ToArray();
        if (given.FirstOrDefault(pair => pair.Length < 2 || !pair[0].StartsWith("--", StringComparison.Ordinal)) is { } malformed)
            return Refuse($"Expected --name value pairs, found '{string.Join(' ', malformed)}'.");
        return args[0] == "token" ? Token(options, given, bound) : DpopProof(options, given);
    }

    private static int Token(DevIssuerOptions options, string[][] given, bool bound)
    {
        var certificateFiles = Values(given, CertificateOption);
        given = given.Where(pair => pair[0] != "--" + CertificateOption).ToArray();
        if (DevTokenParameters.Refusal(given.Select(pair => pair[0][2..]), "--") is { } unknown)
            return Refuse(unknown);
        if (bound && certificateFiles.Length > 0)
            return Refuse("A token is bound to one thing: give --dpop or --cert, not both.");
        string? certificate = null;
        if (certificateFiles.LastOrDefault() is { } file && !CertificateFile.TryReadThumbprint(file, out certificate, out var unreadable))
            return Refuse(unreadable);
        if (!DevTokenParameters.TryReadLifetime(Values(given, DevTokenParameters.Lifetime).LastOrDefault(), out var lifetime))
            return Refuse("--" + DevTokenParameters.LifetimeRule);
        var minter = new DevTokenMinter(new DevSigningKeys(Options.Create(options)), Options.Create(options), TimeProvider.System);
        var token = minter.Mint(Values(given, DevTokenParameters.Permission), Values(given, DevTokenParameters.Subject).LastOrDefault(), lifetime,
            bound ? new DevDpopKey(options).Thumbprint : null, certificate);
        Console.WriteLine(token.AccessToken);
        return 0;
    }

    private static int DpopProof(DevIssuerOptions options, string[][] given)
    {
        if (given.FirstOrDefault(pair => pair[0] is not ("--url" or "--method" or "--token")) is { } unknown)
            return Refuse($"Unknown option '{unknown[0]}'; use --url (required), --method (GET unless given), --token.");
        if (Values(given, "url").LastOrDefault() is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            return Refuse("--url is required: the http(s) URL the proof is for, e.g. --url http://localhost:6060/api/messages/protected.");
        var method = Values(given, "method").LastOrDefault() ?? HttpMethods.Get;
        // htu names the URL without its query and fragment (RFC 9449 §4.2).
        Console.WriteLine(new DevDpopKey(options).Proof(method.ToUpperInvariant(), target.GetLeftPart(UriPartial.Path), Values(given, "token").LastOrDefault()));
        return 0;
    }

    private static string Usage(string command, string invocation) => command switch
    {
        "token" => $"""
            Usage: {invocation} token [--permission P]... [--sub S] [--lifetime SECONDS] [--dpop | --cert FILE]
            Prints an access token from the development issuer (Development, AUTH0_DOMAIN unset) that the API accepts; the
            issuer it names is on the API's port, so give the command the settings the API runs with.
              --permission P      a permission the token carries (e.g. read:messages); repeat for more
              --sub S             its subject (default {DevTokenMinter.DefaultSubject})
              --lifetime SECONDS  1 to 86400 (default DevIssuer:DefaultTokenLifetime, an hour)
              --dpop              bind it to the development DPoP key; sign each request's proof with dpop-proof
              --cert FILE         bind it to the client certificate in FILE (PEM or DER), for an API with
                                  Auth0__CertificateBinding__Enabled=true; present it over TLS (curl --cert)
            """,
        "dpop-proof" => $"""
            Usage: {invocation} dpop-proof --url URL [--method M] [--token T]
            Prints a DPoP proof (RFC 9449) signed with the development DPoP key, for one request.
              --url URL     the http(s) URL the request goes to (its query and fragment are left out of htu)
              --method M    the request's method (default GET)
              --token T     the DPoP-bound access token the request carries (from token --dpop); leave it out for /dev/token
            """,
        _ => $"""
            Usage: {invocation} rotate-dev-key
            Rotates the development issuer's signing key: the new key signs from now on, the old one stays published until
            the next rotation, and a running API picks the new key up without a restart.
            """,
    };

    private static string[] Values(string[][] given, string name) =>
        given.Where(pair => pair[0] == "--" + name).Select(pair => pair[1]).ToArray();

    private static int Refuse(string reason)
    {
        Console.Error.WriteLine(reason);
        return 1;
    }
}
