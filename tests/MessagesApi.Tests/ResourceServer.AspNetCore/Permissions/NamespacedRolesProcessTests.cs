using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API as a real process, in Production, trusting npm's oidc-provider over HTTPS: an access token
/// carrying roles as an Auth0 Action adds them, under a namespaced claim, signed with the provider's key and checked
/// against its published JWKS, with the claim named in the environment as a user writes it.</summary>
public sealed class NamespacedRolesProcessTests : IAsyncLifetime
{
    private const string RolesClaim = "https://example.com/roles";

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly System.Security.Cryptography.RSA _providerKey = OidcProviderProcess.NewKey();
    private ApiProcess? _api;

    public NamespacedRolesProcessTests() => _provider = new OidcProviderProcess(_ca, TokenBuilder.Audience);

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Roles_under_a_namespaced_claim_grant_the_permission_in_the_running_api()
    {
        await _provider.StartAsync(_providerKey);
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
            ["Auth0__PermissionClaims__0"] = RolesClaim,
        });
        var token = _provider.SignerWith(_providerKey).Token().With(RolesClaim, new[] { "read:admin-messages" }).Build();

        var response = await _api.Client(token).GetAsync("/api/messages/admin");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
