using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API in Production, trusting npm's oidc-provider, with DPoP tokens as the provider signs them: which
/// URL a proof must name, Host headers a client chooses, and an unreachable replay store.</summary>
public sealed class DpopProcessTests : IAsyncLifetime
{
    private const string ProtectedPath = "/api/messages/protected";

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly System.Security.Cryptography.RSA _providerKey = OidcProviderProcess.NewKey();
    private readonly DpopKey _key = new();
    private readonly List<ApiProcess> _apis = [];

    public DpopProcessTests() => _provider = new OidcProviderProcess(_ca, TokenBuilder.Audience);

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Without_public_url_a_proof_made_for_another_server_is_refused_though_the_host_header_names_it()
    {
        var api = await StartAsync();
        var token = await BoundTokenAsync();
        using var request = Request(token, "http://other-api.example" + ProtectedPath);
        request.Headers.Host = "other-api.example";

        var response = await api.Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("until PUBLIC_URL is set");
    }

    [ProviderFact]
    public async Task With_public_url_under_a_path_a_proof_names_the_url_clients_call()
    {
        var api = await StartAsync(("PUBLIC_URL", "https://api.example.com/messages-api"));
        var token = await BoundTokenAsync();

        var called = await api.Client().SendAsync(Request(token, "https://api.example.com/messages-api" + ProtectedPath));
        var withoutThePath = await api.Client().SendAsync(Request(token, "https://api.example.com" + ProtectedPath));

        (called.StatusCode, withoutThePath.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.Unauthorized));
    }

    [ProviderFact]
    public async Task Behind_a_trusted_proxy_host_headers_that_make_no_url_get_401_never_500()
    {
        var api = await StartAsync(("ForwardedHeaders__KnownProxies", "127.0.0.1"));
        var token = await BoundTokenAsync();
        var answers = new List<string>();

        foreach (var host in new[] { "a'b", "a!b", "a$b", "a(b" })
            answers.Add($"{host}: {await RawStatusAsync(api, host, token, _key.ProofFor("GET", $"http://{host}{ProtectedPath}", token).Build())}");

        answers.Should().Equal("a'b: 401", "a!b: 401", "a$b: 401", "a(b: 401");
    }

    [ProviderFact]
    public async Task While_the_replay_stores_redis_is_unreachable_the_replica_stays_ready_bearer_is_served_and_dpop_gets_503()
    {
        using var nobodyListens = new ReservedPort();
        var api = await StartAsync(("PUBLIC_URL", "https://api.example.com"), ("Auth0__Dpop__Redis", $"127.0.0.1:{nobodyListens.Port}"));
        var bearer = _provider.SignerWith(_providerKey).Token().Build();
        var bound = await BoundTokenAsync();

        // The Bearer call first: once it is served the keys are loaded, the other readiness condition.
        var bearerCall = await api.Client(bearer).GetAsync(ProtectedPath);
        var dpopCall = await api.Client().SendAsync(Request(bound, "https://api.example.com" + ProtectedPath));
        var ready = await api.Client().GetAsync("/readyz");

        (ready.StatusCode, bearerCall.StatusCode, dpopCall.StatusCode)
            .Should().Be((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable));
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        (body.GetProperty("status").GetString(), body.GetProperty("reasons")[0].GetString())
            .Should().Be(("Degraded", "DPoP's Redis is unreachable: DPoP requests get 503 until it is back; Bearer requests are served."));
    }

    private async Task<ApiProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        await _provider.StartAsync(_providerKey);
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        var api = await ApiProcess.StartAsync(environment);
        _apis.Add(api);
        return api;
    }

    private Task<string> BoundTokenAsync() => Task.FromResult(_key.BoundToken(_provider.SignerWith(_providerKey)));

    private HttpRequestMessage Request(string token, string htu)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath);
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
        request.Headers.Add("DPoP", _key.ProofFor("GET", htu, token).Build());
        return request;
    }

    /// <summary>Over a bare socket, since HttpClient refuses to send such Host headers; Kestrel accepts them.</summary>
    private static async Task<int> RawStatusAsync(ApiProcess api, string host, string token, string proof)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, api.Port);
        var stream = client.GetStream();
        var request = $"GET {ProtectedPath} HTTP/1.1\r\nHost: {host}\r\nAuthorization: DPoP {token}\r\nDPoP: {proof}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1]);
    }

    public async Task DisposeAsync()
    {
        foreach (var api in _apis)
            await api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
