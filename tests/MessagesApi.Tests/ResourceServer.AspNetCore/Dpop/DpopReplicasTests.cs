using ResourceServer.AspNetCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Two built API processes behind one public URL, sharing a real redis-server, trusting npm's oidc-provider
/// that binds tokens to the test's DPoP key: a proof used at one replica is refused at the other, and with Redis down a
/// proof is refused with 503, never passed unchecked.</summary>
public sealed class DpopReplicasTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.replicas";
    private const string PublicUrl = "https://messages.test";
    private const string Htu = PublicUrl + "/api/messages/protected";

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly RedisProcess _redis = new();
    private readonly DpopKey _key = new();
    private ApiProcess? _first;
    private ApiProcess? _second;
    private string _token = "";

    public DpopReplicasTests() => _provider = new OidcProviderProcess(_ca, Audience);

    // xunit builds the class and calls this only for a test it runs: a skipped one starts nothing.
    public async Task InitializeAsync()
    {
        await _provider.StartAsync(OidcProviderProcess.NewKey());
        await _redis.StartAsync();
        _first = await StartReplicaAsync();
        _second = await StartReplicaAsync();
        _token = await BoundTokenAsync();
    }

    [ProviderAndRedisFact]
    public async Task A_proof_used_at_one_replica_is_refused_at_the_other()
    {
        var proof = _key.ProofFor("GET", Htu, _token).Build();
        (await Send(_first!, proof)).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await Send(_second!, proof);

        await DpopProofTests.ShouldBeRefused(replay, "invalid_dpop_proof", "The DPoP proof was used before; make a new one for each request.");
    }

    [ProviderAndRedisFact]
    public async Task With_redis_down_a_fresh_proof_gets_503_not_a_pass()
    {
        await _redis.StopAsync();

        var response = await Send(_first!, _key.ProofFor("GET", Htu, _token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("message").GetString().Should().Be("DPoP proofs cannot be checked for replay right now; try again shortly.");
    }

    private Task<ApiProcess> StartReplicaAsync() => ApiProcess.StartAsync(new Dictionary<string, string>
    {
        ["AUTH0_DOMAIN"] = _provider.Domain,
        ["AUTH0_AUDIENCE"] = Audience,
        ["SSL_CERT_FILE"] = _ca.CaFile,
        ["PUBLIC_URL"] = PublicUrl,
        ["Auth0__Dpop__Redis"] = _redis.Configuration,
    });

    /// <summary>A token bound to the test's key, from the token endpoint with a DPoP proof, as RFC 9449 §5 asks.</summary>
    private async Task<string> BoundTokenAsync()
    {
        var endpoint = Auth0Options.UnderIssuer(_provider.Issuer, "/token");
        using var http = _ca.TrustingClient();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = Audience,
                ["client_id"] = "dpop-client",
                ["client_secret"] = "dpop-secret",
            }),
        };
        request.Headers.Add("DPoP", _key.ProofFor("POST", endpoint, "").Without("ath").Build());
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.Should().BeTrue($"oidc-provider answered {body}");
        body.GetProperty("token_type").GetString().Should().Be("DPoP");
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> Send(ApiProcess api, string proof)
    {
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {_token}");
        request.Headers.Add("DPoP", proof);
        return await client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        foreach (var api in new[] { _first, _second })
        {
            if (api is not null)
                await api.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
