using System.Net.Http.Headers;
using MessagesApi.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The API in-process, as Production, trusting <see cref="Issuer"/> (and <see cref="SecondIssuer"/> when asked),
/// whose keys it fetches through its real backchannel.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();

    public TestIssuer Issuer { get; } = new();

    public TestIssuer? SecondIssuer { get; private set; }

    public string Environment { get; set; } = "Production";

    public CapturedLogs Logs { get; } = new();

    public ApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public ApiFactory WithSecondIssuer()
    {
        SecondIssuer = new TestIssuer("https://issuer-two.test/");
        return this;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("AUTH0_DOMAIN", SecondIssuer is null ? Issuer.Issuer : $"{Issuer.Issuer},{SecondIssuer.Issuer}");
        builder.UseSetting("AUTH0_AUDIENCE", TokenBuilder.Audience);
        builder.UseSetting("CLIENT_ORIGIN_URL", "http://localhost:4040");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            services.AddHttpClient(IssuerKeyStore.BackchannelName)
                .ConfigurePrimaryHttpMessageHandler(() => new IssuerRouter(Issuer, SecondIssuer));
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
