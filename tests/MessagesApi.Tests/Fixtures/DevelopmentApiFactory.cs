using Microsoft.AspNetCore.Builder;
using MessagesApi.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The API as `dotnet run` starts it: Development, no AUTH0_DOMAIN, so it is its own issuer. Its backchannel
/// reaches the in-process server, the way the real process calls itself on localhost.</summary>
public sealed class DevelopmentApiFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryKeyFile _keyFile = new();
    private readonly Dictionary<string, string> _settings = [];
    private int _hostsBuilt;

    public string KeyFile => _keyFile.Path;

    /// <summary>How many application hosts this factory has built: one, or its instances race on <see cref="KeyFile"/>.</summary>
    public int HostsBuilt => _hostsBuilt;

    /// <summary>A setting on top of Development's, before the host is built.</summary>
    public DevelopmentApiFactory WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        Interlocked.Increment(ref _hostsBuilt);
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AUTH0_DOMAIN", "");
        builder.UseSetting("DevIssuer:KeyFile", KeyFile);
        // The default port, whatever PORT the test run inherited: the issuer URL a newcomer sees.
        builder.UseSetting("PORT", HostingOptions.DefaultPort.ToString());
        // Tests rotate keys seconds after start-up, when a cold-start fetch may have just used up the default 10 s throttle.
        builder.UseSetting("Auth0:OnDemandRefreshThrottle", "00:00:00.200");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        // The backchannel reaches this host's own TestServer, taken from its services. Reading the factory's Server
        // instead, while the key refresher's first fetch runs inside start-up, made the factory build a second host.
        builder.ConfigureTestServices(services => services
            .SetRemoteAddressFirst()
            .SetClientCertificateFirst()
            .AddHttpClient(IssuerKeyStore.BackchannelName)
            .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler()));
    }

    /// <summary>A client whose requests reach the API from <paramref name="address"/>, as if over that TCP connection.</summary>
    public HttpClient ClientFrom(string address) => CreateDefaultClient(new RemoteAddress.Handler(address));

    /// <summary>A client presenting <paramref name="certificate"/>, as if over a TLS connection.</summary>
    public HttpClient ClientPresenting(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        CreateDefaultClient(new PresentedCertificate.Handler(certificate));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _keyFile.Dispose();
    }
}
