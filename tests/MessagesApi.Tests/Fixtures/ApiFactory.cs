using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The API in-process, as Production, trusting <see cref="Issuer"/> (and <see cref="SecondIssuer"/> when asked),
/// whose keys it fetches through its real backchannel.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private int _scheduledRefreshes;

    public TestIssuer Issuer { get; private set; } = new();

    public TestIssuer? SecondIssuer { get; private set; }

    public string Environment { get; set; } = "Production";

    public CapturedLogs Logs { get; } = new();

    /// <summary>The API's clock, when <see cref="WithFakeClock"/> replaced the system's: time moves only when a test advances it.</summary>
    public TestClock? Clock { get; private set; }

    public ApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Registers more services, as the API's own setup would, after it.</summary>
    public ApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>The in-process server's URL as a client behind TLS termination calls it, as PUBLIC_URL: outside
    /// Development a DPoP proof's htu is checked against PUBLIC_URL, never against a Host header.</summary>
    public const string LocalPublicUrl = "https://localhost";

    public ApiFactory ServingDpop() => WithSetting("PUBLIC_URL", LocalPublicUrl);

    public ApiFactory WithCertificateBinding() => WithSetting("Auth0:CertificateBinding:Enabled", "true");

    /// <summary>The failures of the settings validated at start, as the app refuses them before serving (in-process,
    /// the factory runs Program up to that point); fails the test when there are none.</summary>
    public IEnumerable<string> StartupFailures()
    {
        var validate = () => Services.GetRequiredService<IStartupValidator>().Validate();
        return validate.Should().Throw<OptionsValidationException>().Which.Failures;
    }

    /// <summary>The reason of the one 401 logged so far (<c>401 for /path: reason. …</c>).</summary>
    public string OnlyRejectionReason() =>
        Logs.Entries.Should().ContainSingle(e => e.Message.StartsWith("401 for")).Which.Message.Split(": ")[1].Split('.')[0];

    public ApiFactory WithFakeClock()
    {
        Clock = new TestClock();
        return this;
    }

    /// <summary>Trusts an issuer with this URL instead, as written in AUTH0_DOMAIN (e.g. a path and no trailing slash).</summary>
    public ApiFactory WithIssuer(string issuer)
    {
        Issuer = new TestIssuer(issuer);
        return this;
    }

    public ApiFactory WithSecondIssuer()
    {
        SecondIssuer = new TestIssuer("https://issuer-two.test/");
        return this;
    }

    /// <summary>Waits for the start-up fetch of every issuer's keys, then for a fetch that starts after this call, without
    /// touching the on-demand throttle: the keys are what the test issuer publishes now, and what a test does next starts
    /// from them, not from a fetch a request happened to join.</summary>
    public async Task KeysLoadedAsync()
    {
        var issuers = Services.GetRequiredService<IssuerKeyStore>().Issuers;
        await Eventually.Until(() => issuers.All(issuer => issuer.Current is not null), TimeSpan.FromSeconds(30), "the start-up fetch of the keys");
        foreach (var issuer in issuers)
        {
            // The first joins a fetch under way, which may have read the issuer before the test changed it (the refresher's
            // start-up fetch, late on a busy machine); the second starts after it.
            await issuer.RefreshAsync();
            await issuer.RefreshAsync();
        }
    }

    /// <summary>With the fake clock, which holds the refresher's scheduled retries: the issuer's first keys not fetched and no
    /// fetch under way (the start-up fetch failed, or this one joined it and failed), the issuer up again; the next token
    /// causes the first fetch. Call it before anything else starts the API, so that the start-up fetch fails too.</summary>
    public async Task FirstKeysNotFetchedAsync()
    {
        if (Clock is null)
            throw new InvalidOperationException("Call WithFakeClock() first.");
        Issuer.State = IssuerState.Refusing;
        (await Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync()).Should().BeFalse();
        Issuer.State = IssuerState.Up;
    }

    /// <summary>With the fake clock: waits until the key refresher is waiting for its next scheduled fetch, moves the
    /// clock to it, and returns once that fetch is over (the refresher waits again), whether it succeeded or not.</summary>
    public async Task RunScheduledKeyRefreshAsync()
    {
        var clock = Clock ?? throw new InvalidOperationException("Call WithFakeClock() first.");
        var issuers = Services.GetRequiredService<IssuerKeyStore>().Issuers.Count;
        await Eventually.Until(() => clock.TimersCreated >= issuers * (_scheduledRefreshes + 1), TimeSpan.FromSeconds(30), "the refresher waiting for its next fetch");
        clock.Advance(Services.GetRequiredService<IOptions<Auth0Options>>().Value.KeyRefreshInterval);
        _scheduledRefreshes++;
        await Eventually.Until(() => clock.TimersCreated >= issuers * (_scheduledRefreshes + 1), TimeSpan.FromSeconds(30), "the scheduled fetch to finish");
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client whose requests reach the API from <paramref name="address"/>, as if over that TCP connection.</summary>
    public HttpClient ClientFrom(string address, string? token = null)
    {
        var client = CreateDefaultClient(new RemoteAddress.Handler(address));
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client presenting <paramref name="certificate"/> (none when null), as if over a TLS connection from
    /// <paramref name="address"/> (the test server's own when null).</summary>
    public HttpClient ClientPresenting(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string token, string? address = null)
    {
        DelegatingHandler[] handlers = [.. new DelegatingHandler?[]
        {
            certificate is null ? null : new PresentedCertificate.Handler(certificate),
            address is null ? null : new RemoteAddress.Handler(address),
        }.OfType<DelegatingHandler>()];
        var client = CreateDefaultClient(handlers);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("AUTH0_DOMAIN", SecondIssuer is null ? Issuer.Issuer : $"{Issuer.Issuer},{SecondIssuer.Issuer}");
        builder.UseSetting("AUTH0_AUDIENCE", TokenBuilder.Audience);
        builder.UseSetting("CLIENT_ORIGIN_URL", "http://localhost:4040");
        // Production's drain on stop would hold every test's dispose for 5 s; a test that sets it gets its own.
        builder.UseSetting("ShutdownDelay", "00:00:00");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.SetRemoteAddressFirst();
            services.SetClientCertificateFirst();
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            if (Clock is not null)
                services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(IssuerKeyStore.BackchannelName)
                .ConfigurePrimaryHttpMessageHandler(() => new IssuerRouter(Issuer, SecondIssuer));
            foreach (var configure in _services)
                configure(services);
        });
    }

    /// <summary>Sends each backchannel request to the test issuer it is addressed to.</summary>
    private sealed class IssuerRouter(TestIssuer first, TestIssuer? second) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var issuer = second is not null && request.RequestUri!.ToString().StartsWith(second.Issuer, StringComparison.Ordinal) ? second : first;
            return new HttpMessageInvoker(issuer.Backchannel, disposeHandler: false).SendAsync(request, cancellationToken);
        }
    }
}
