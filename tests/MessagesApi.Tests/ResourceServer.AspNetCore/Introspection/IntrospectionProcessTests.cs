using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions.Execution;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Opaque access tokens (RFC 7662) end to end: the built API, configured by environment as a user would, asks
/// npm's oidc-provider, a real HTTPS issuer trusted through a test CA, about the opaque tokens it issued; revocation at
/// the provider, private_key_jwt, the provider going down and coming back, and opaque tokens bound to a DPoP key.</summary>
public sealed class IntrospectionProcessTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.opaque.e2e";
    private const string Protected = "/api/messages/protected";
    private const string Admin = "/api/messages/admin";
    private const string ProtectedMessage = """{"text":"This is a protected message."}""";
    private const string Inactive = "The token is not active (revoked, expired or unknown to its issuer).";

    // The URL clients call, TLS terminated in front of the API, which DPoP proofs name.
    private const string PublicUrl = "https://api.example.com";

    private static readonly TimeSpan ShortCacheLifetime = TimeSpan.FromSeconds(2);

    // What a loaded machine may add to a wait for the API, beyond what the behaviour itself allows.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    private readonly TestCertificateAuthority _ca = new();
    private readonly RSA _providerKey = OidcProviderProcess.NewKey();
    private readonly EcSigningKey _apiKey = new(ECCurve.NamedCurves.nistP256, "P-256");
    private readonly OidcProviderProcess _provider;
    private readonly List<ApiProcess> _apis = [];

    public IntrospectionProcessTests() =>
        _provider = new OidcProviderProcess(_ca, Audience) { ApiJwks = JsonSerializer.Serialize(new { keys = new[] { _apiKey.PublicJwk() } }) };

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Opaque_tokens_get_the_messages_their_introspected_permissions_allow()
    {
        var api = await StartBySecretAsync();
        var plain = await _provider.TokenAsync("opaque-client");
        var admin = await _provider.TokenAsync("opaque-admin-client");

        var protectedMessage = await api.Client(plain).GetAsync(Protected);
        var forbidden = await api.Client(plain).GetAsync(Admin);
        var adminMessage = await api.Client(admin).GetAsync(Admin);

        using var all = new AssertionScope();
        (plain + admin).Should().NotContain(".", "the provider issues opaque-client's tokens as random strings, no JWTs the API could read");
        (await Answer(protectedMessage)).Should().Be((HttpStatusCode.OK, ProtectedMessage));
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer error=\"insufficient_scope\", scope=\"read:admin-messages\"");
        (await Answer(adminMessage)).Should().Be((HttpStatusCode.OK, """{"text":"This is an admin message."}"""));
    }

    [ProviderFact]
    public async Task A_token_revoked_at_the_provider_is_refused_within_the_cache_lifetime()
    {
        var api = await StartBySecretAsync(("Auth0__Introspection__CacheMaxLifetime", ShortCacheLifetime.ToString()));
        var token = await _provider.TokenAsync("opaque-client");
        using var client = api.Client(token);
        var beforeRevocation = await client.GetAsync(Protected);

        await _provider.RevokeAsync(token, "opaque-client");

        HttpResponseMessage refused = null!;
        await Eventually.Until(async () => (refused = await client.GetAsync(Protected)).StatusCode != HttpStatusCode.OK,
            ShortCacheLifetime + Slack, "the revoked token was still served");
        using var all = new AssertionScope();
        beforeRevocation.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.Should().BeRejectedWith(Inactive);
        await LoggedAsync(api, "401 for /api/messages/protected: inactive.");
    }

    [ProviderFact]
    public async Task With_a_private_key_registered_at_the_provider_the_api_introspects_by_private_key_jwt()
    {
        var api = await StartAsync(ByPrivateKey(await ApiKeyFileAsync(_apiKey)));

        var response = await api.Client(await _provider.TokenAsync("opaque-client")).GetAsync(Protected);

        (await Answer(response)).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    [ProviderFact]
    public async Task With_a_private_key_the_provider_does_not_know_an_opaque_token_gets_503_never_a_pass()
    {
        var api = await StartAsync(ByPrivateKey(await ApiKeyFileAsync(new EcSigningKey(ECCurve.NamedCurves.nistP256, "P-256"))));

        var response = await api.Client(await _provider.TokenAsync("opaque-client")).GetAsync(Protected);

        (response.StatusCode, response.Headers.RetryAfter?.ToString()).Should().Be((HttpStatusCode.ServiceUnavailable, "1"));
        await LoggedAsync(api, "503 for /api/messages/protected: The introspection endpoint answered 401: does the issuer know the client Auth0:Introspection:ClientId names, with this ClientSecret or PrivateKeyFile?");
    }

    [ProviderFact]
    public async Task A_made_up_opaque_token_is_refused_as_inactive()
    {
        var api = await StartBySecretAsync();

        var response = await api.Client("made-up-" + Guid.NewGuid().ToString("N")).GetAsync(Protected);

        response.Should().BeRejectedWith(Inactive);
        await LoggedAsync(api, "401 for /api/messages/protected: inactive.");
    }

    [ProviderFact]
    public async Task A_jwt_the_provider_issued_is_still_served_beside_introspection()
    {
        var api = await StartBySecretAsync();

        var response = await api.Client(await _provider.TokenAsync("plain-client")).GetAsync(Protected);

        (await Answer(response)).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    [ProviderFact]
    public async Task While_the_provider_is_down_an_uncached_opaque_token_gets_503_with_retry_after()
    {
        var api = await StartBySecretAsync();
        await WarmUpAsync(api);
        var uncached = await _provider.TokenAsync("opaque-client");

        await _provider.StopAsync();

        var response = await api.Client(uncached).GetAsync(Protected);
        using var all = new AssertionScope();
        (response.StatusCode, response.Headers.RetryAfter?.ToString()).Should().Be((HttpStatusCode.ServiceUnavailable, "1"));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be("The token's issuer cannot be asked about it right now; try again shortly.");
        await LoggedAsync(api, "503 for /api/messages/protected: The introspection endpoint could not be asked");
    }

    [ProviderFact]
    public async Task After_an_outage_opaque_tokens_are_served_again_without_restarting_the_api()
    {
        var api = await StartBySecretAsync();
        await WarmUpAsync(api);
        var uncached = await _provider.TokenAsync("opaque-client");
        await _provider.StopAsync();
        var duringOutage = await api.Client(uncached).GetAsync(Protected);

        await _provider.StartAsync(_providerKey);

        // The provider keeps its tokens in memory: those of before the outage went with it, so a new one.
        var afterOutage = await api.Client(await _provider.TokenAsync("opaque-client")).GetAsync(Protected);
        (duringOutage.StatusCode, afterOutage.StatusCode).Should().Be((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
    }

    [ProviderFact]
    public async Task A_dpop_bound_opaque_token_is_served_with_a_proof_of_its_key()
    {
        var api = await StartBySecretAsync(("PUBLIC_URL", PublicUrl));
        var key = new DpopKey();
        var token = await _provider.DpopBoundTokenAsync(key);

        var response = await api.Client().SendAsync(DpopRequest(token, key));

        (await Answer(response)).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    [ProviderFact]
    public async Task A_dpop_bound_opaque_token_sent_as_bearer_is_refused()
    {
        var api = await StartBySecretAsync();
        var token = await _provider.DpopBoundTokenAsync(new DpopKey());

        var response = await api.Client(token).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a DPoP key: send it under the DPoP scheme with a proof.");
        await LoggedAsync(api, "401 for /api/messages/protected: dpop_bound_token_as_bearer.");
    }

    private static HttpRequestMessage DpopRequest(string token, DpopKey key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Protected);
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
        request.Headers.Add("DPoP", key.ProofFor("GET", PublicUrl + Protected, token).Build());
        return request;
    }

    /// <summary>One opaque token served, so the provider's discovery document, which names the introspection endpoint, is known.</summary>
    private async Task WarmUpAsync(ApiProcess api) =>
        (await api.Client(await _provider.TokenAsync("opaque-client")).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.OK);

    /// <summary>The API's own log has a line with <paramref name="text"/>; waited for, since the console is written behind the answer.</summary>
    private static Task LoggedAsync(ApiProcess api, string text) =>
        Eventually.Until(() => api.Output.Contains(text), Slack, $"the API's log has no line with \"{text}\":\n{api.Output}");

    /// <summary>The API's private key as a PEM file, as an operator would mount it.</summary>
    private async Task<string> ApiKeyFileAsync(EcSigningKey key)
    {
        var file = Path.Combine(_ca.Directory, $"introspection-{key.KeyId}.pem");
        await File.WriteAllTextAsync(file, key.Ecdsa.ExportPkcs8PrivateKeyPem());
        return file;
    }

    private static (string, string)[] ByPrivateKey(string keyFile) =>
        [("Auth0__Introspection__ClientId", "messages-api-jwt"), ("Auth0__Introspection__PrivateKeyFile", keyFile)];

    private Task<ApiProcess> StartBySecretAsync(params (string, string)[] settings) =>
        StartAsync([("Auth0__Introspection__ClientId", "messages-api"), ("Auth0__Introspection__ClientSecret", "messages-api-secret"), .. settings]);

    private async Task<ApiProcess> StartAsync((string Name, string Value)[] settings)
    {
        await _provider.StartAsync(_providerKey);
        var api = await ApiProcess.StartTrustingAsync(_provider, _ca, Audience, settings);
        _apis.Add(api);
        return api;
    }

    private static async Task<(HttpStatusCode Status, string Body)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, await response.Content.ReadAsStringAsync());

    public async Task DisposeAsync()
    {
        foreach (var api in _apis)
            await api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
