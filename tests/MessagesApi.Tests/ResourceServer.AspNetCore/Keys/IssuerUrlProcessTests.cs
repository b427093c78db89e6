using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The built API trusting npm's oidc-provider with AUTH0_DOMAIN typed as users type it: Auth0-style issuer
/// https://localhost:{port}/ written without its trailing slash is accepted; a form its discovery document does not name
/// is refused, and /readyz and the log say which value to set.</summary>
public sealed class IssuerUrlProcessTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.e2e";
    private readonly TestCertificateAuthority _ca = new();
    private readonly List<IAsyncDisposable> _processes = [];

    [ProviderFact]
    public async Task Real_tokens_are_accepted_with_AUTH0_DOMAIN_set_to_the_issuer_url_without_its_trailing_slash()
    {
        var provider = await StartProviderAsync("");
        var api = await StartApiAsync(provider.Issuer.TrimEnd('/'));
        var token = await provider.TokenAsync();

        var response = await api.Client(token).GetAsync("/api/messages/protected");

        new JsonWebToken(token).Issuer.Should().Be(provider.Issuer).And.EndWith("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task A_path_issuer_typed_with_a_trailing_slash_is_refused_and_readyz_says_which_value_to_set()
    {
        var provider = await StartProviderAsync("/realms/demo");
        var api = await StartApiAsync(provider.Issuer + "/");
        using var client = api.Client();
        var expected = $"AUTH0_DOMAIN names {provider.Issuer}/ but its discovery document names {provider.Issuer}: set AUTH0_DOMAIN={provider.Issuer}.";

        await Eventually.Until(async () => (await ReasonsAsync(await client.GetAsync(HealthEndpoints.ReadinessPath))).Contains(expected),
            TimeSpan.FromSeconds(30), "/readyz never said which AUTH0_DOMAIN to set");

        (await client.GetAsync(HealthEndpoints.ReadinessPath)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        // The console logger writes from a queue of its own, so the line may follow /readyz's answer by a moment.
        await Eventually.Until(() => api.Output.Contains($"set AUTH0_DOMAIN={provider.Issuer}."), TimeSpan.FromSeconds(10), "the log never said which AUTH0_DOMAIN to set");
    }

    private async Task<OidcProviderProcess> StartProviderAsync(string issuerPath)
    {
        var provider = new OidcProviderProcess(_ca, Audience, issuerPath);
        _processes.Add(provider);
        await provider.StartAsync(OidcProviderProcess.NewKey());
        return provider;
    }

    private async Task<ApiProcess> StartApiAsync(string domain)
    {
        var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = domain,
            ["AUTH0_AUDIENCE"] = Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
        });
        _processes.Add(api);
        return api;
    }

    private static async Task<string?[]> ReasonsAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString())];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
            await process.DisposeAsync();
        _ca.Dispose();
    }
}
