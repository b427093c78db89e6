using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API on its dual-stack listener, where a client on 127.0.0.1 arrives as ::ffff:127.0.0.1, with a
/// budget of two forged signatures: who the client is, with and without a trusted proxy.</summary>
public sealed class ClientIdentityProcessTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly System.Security.Cryptography.RSA _key = OidcProviderProcess.NewKey();
    private TestIssuer? _forger;

    public ClientIdentityProcessTests() => _provider = new OidcProviderProcess(_ca, TokenBuilder.Audience);

    public async Task InitializeAsync()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForProvider() is not null)
            return;
        await _provider.StartAsync(_key);
        // The provider's kid and issuer, another key: a forged signature, the refusal the budget charges.
        _forger = new TestIssuer(_provider.Issuer, new SigningKey(_provider.SignerWith(_key).CurrentKey.KeyId));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        _ca.Dispose();
    }

    [ProviderFact]
    public async Task Without_trusted_proxies_a_new_x_forwarded_for_on_every_request_is_still_one_client()
    {
        await using var api = await StartAsync();
        await Forged(api, forwardedFor: "192.0.2.1");
        await Forged(api, forwardedFor: "192.0.2.2");

        var response = await Forged(api, forwardedFor: "192.0.2.3");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [ProviderFact]
    public async Task Behind_a_trusted_ipv4_network_clients_arriving_over_ipv4_mapped_addresses_are_told_apart_by_x_forwarded_for()
    {
        await using var api = await StartAsync(("ForwardedHeaders__KnownNetworks", "127.0.0.0/8"));
        await Forged(api, forwardedFor: "203.0.113.66");
        await Forged(api, forwardedFor: "203.0.113.66");
        (await Forged(api, forwardedFor: "203.0.113.66")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var response = await Forged(api, forwardedFor: "203.0.113.10");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<ApiProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
            ["Clients__FailureBudget__Burst"] = "2",
            ["Clients__FailureBudget__RefillInterval"] = "01:00:00",
            ["Clients__FailureBudget__HoldTime"] = "00:00:00",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        return ApiProcess.StartAsync(environment);
    }

    private async Task<HttpResponseMessage> Forged(ApiProcess api, string forwardedFor)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _forger!.Token().With("jti", Guid.NewGuid().ToString()).Build());
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
