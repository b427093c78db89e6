using MessagesApi.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The API as `dotnet run` starts it: Development, no AUTH0_DOMAIN, so it is its own issuer. Its backchannel
/// reaches the in-process server, the way the real process calls itself on localhost.</summary>
public sealed class DevelopmentApiFactory : WebApplicationFactory<Program>
{
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"messagesapi-dev-keys-{Guid.NewGuid():N}.json");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AUTH0_DOMAIN", "");
        builder.UseSetting("DevIssuer:KeyFile", KeyFile);
        // Tests rotate keys seconds after start-up, when a cold-start fetch may have just used up the default 10 s throttle.
        builder.UseSetting("Auth0:OnDemandRefreshThrottle", "00:00:00.200");
        builder.ConfigureTestServices(services => services
            .AddHttpClient(IssuerKeyStore.BackchannelName)
            .ConfigurePrimaryHttpMessageHandler(() => new ToTestServer(this)));
    }

    private sealed class ToTestServer(DevelopmentApiFactory factory) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(factory.Server.CreateHandler()).SendAsync(request, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(KeyFile);
    }
}
