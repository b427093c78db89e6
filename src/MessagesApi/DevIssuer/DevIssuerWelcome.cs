using MessagesApi.Messages;
using MessagesApi.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.DevIssuer;

namespace MessagesApi.DevIssuer;

/// <summary>Once the server listens, logs curl commands a newcomer can paste to call each endpoint with a dev token, and
/// the commands that mint tokens for the issuer on this PORT.</summary>
internal sealed class DevIssuerWelcome(IHostApplicationLifetime lifetime, IServer server, DevTokenMinter minter, IOptions<HostingOptions> hosting,
    ILogger<DevIssuerWelcome> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogCurlCommands);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogCurlCommands()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:6060";
        var plain = minter.Mint([]).AccessToken;
        var admin = minter.Mint([Permissions.ReadAdminMessages]).AccessToken;
        var command = CommandLineHelp.InvocationOn(hosting.Value.Port);
        logger.LogInformation(
            """
            Development issuer is on: tokens are signed by this API's own key. Try:
              curl {Address}/api/messages/public
              curl -H "Authorization: Bearer {Plain}" {Address}/api/messages/protected
              curl -H "Authorization: Bearer {Admin}" {Address}/api/messages/admin
              curl -H "Authorization: Bearer {Plain}" {Address}/api/messages/admin    (403: no permission)
            New tokens: curl "{Address}/dev/token?permission={Permission}"  or  {Command} token --permission {Permission}
            Why is a token rejected? curl -H "Authorization: Bearer <token>" {Address}/dev/explain
            DPoP-bound tokens and their proofs: {Command} token --dpop, then {Command} dpop-proof --url <url> --token <token> (README, "DPoP")
            Swagger UI: {Address}/swagger
            """,
            address, plain, address, admin, address, plain, address, address, Permissions.ReadAdminMessages, command, Permissions.ReadAdminMessages,
            address, command, command, address);
    }
}

internal static class DevIssuerWelcomeSetup
{
    /// <summary>The development issuer on PORT (see <see cref="DevelopmentIssuerSetup.AddDevelopmentIssuer"/>), with curl
    /// commands for this API's endpoints logged once it listens.</summary>
    public static WebApplicationBuilder AddDevelopmentIssuerWithWelcome(this WebApplicationBuilder builder)
    {
        builder.AddDevelopmentIssuer(HostingOptions.Of(builder).ListenPort);
        if (DevelopmentIssuerSetup.IsOn(builder))
            builder.Services.AddHostedService<DevIssuerWelcome>();
        return builder;
    }
}
