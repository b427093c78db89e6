using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API with its Production budget, trusting npm's oidc-provider, as the Auth0 sample web apps call it:
/// from their server, one address relaying every signed-in user's token.</summary>
public sealed class FailureBudgetProcessTests : IAsyncLifetime
{
    private const string Audience = TokenBuilder.Audience;
    private const int Users = 100;

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly System.Security.Cryptography.RSA _key = OidcProviderProcess.NewKey();
    private ApiProcess? _api;

    public FailureBudgetProcessTests() => _provider = new OidcProviderProcess(_ca, Audience);

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task A_web_app_relaying_100_users_expired_tokens_in_a_burst_is_never_throttled_and_valid_tokens_pass()
    {
        var (api, issuer) = await StartAsync();
        using var app = api.Client();
        var expired = Enumerable.Range(0, Users).Select(user => issuer.Token().With("sub", $"auth0|user-{user}").ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(-5)).Build());
        var valid = Enumerable.Range(0, 10).Select(user => issuer.Token().With("sub", $"auth0|user-{user}").Build());

        var expiredAnswers = await Task.WhenAll(expired.Select(token => Protected(app, token)));
        var validAnswers = await Task.WhenAll(valid.Select(token => Protected(app, token)));

        expiredAnswers.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        validAnswers.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task Forged_signatures_from_one_address_are_still_charged_until_429()
    {
        var (api, issuer) = await StartAsync(("Clients__FailureBudget__Burst", "3"), ("Clients__FailureBudget__HoldTime", "00:00:00"));
        using var client = api.Client();
        var forger = new TestIssuer(issuer.Issuer, new SigningKey(issuer.CurrentKey.KeyId));
        for (var i = 0; i < 3; i++)
            (await Protected(client, forger.Token().With("jti", $"forged-{i}").Build())).Should().Be(HttpStatusCode.Unauthorized);

        var next = await Protected(client, forger.Token().With("jti", "forged-next").Build());

        next.Should().Be(HttpStatusCode.TooManyRequests);
    }

    private async Task<(ApiProcess Api, TestIssuer Issuer)> StartAsync(params (string Key, string Value)[] settings)
    {
        await _provider.StartAsync(_key);
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        _api = await ApiProcess.StartAsync(environment);
        return (_api, _provider.SignerWith(_key));
    }

    private static async Task<HttpStatusCode> Protected(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
