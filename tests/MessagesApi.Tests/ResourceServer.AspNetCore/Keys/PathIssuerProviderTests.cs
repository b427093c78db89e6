using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The built API trusting npm's oidc-provider mounted under a path, with an issuer that has no trailing slash
/// (https://localhost:{port}/realms/demo), as Keycloak, Okta and Entra ID issuers look.</summary>
public sealed class PathIssuerProviderTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.e2e";
    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private ApiProcess? _api;

    public PathIssuerProviderTests() => _provider = new OidcProviderProcess(_ca, Audience, "/realms/demo");

    public async Task InitializeAsync()
    {
        await _provider.StartAsync(OidcProviderProcess.NewKey());
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
        });
    }

    [ProviderFact]
    public async Task Real_tokens_from_an_issuer_with_a_path_and_no_trailing_slash_are_accepted()
    {
        var admin = await _provider.TokenAsync("admin-client");

        new JsonWebToken(admin).Issuer.Should().Be(_provider.Issuer).And.EndWith("/realms/demo");
        (await _api!.Client(admin).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task A_token_signed_by_a_key_the_issuer_does_not_publish_is_rejected()
    {
        var parts = (await _provider.TokenAsync()).Split('.');
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"RS256","typ":"at+jwt","kid":"not-published"}""");

        var response = await _api!.Client($"{header}.{parts[1]}.{parts[2]}").GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("unknown key");
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
