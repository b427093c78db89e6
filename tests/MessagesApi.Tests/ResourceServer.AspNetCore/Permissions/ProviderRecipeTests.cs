using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Explainer;

namespace MessagesApi.Tests;

/// <summary>README's provider recipes, each with a token shaped the way that provider issues it: its issuer form, its
/// header, and its claim names and types.</summary>
public sealed class ProviderRecipeTests
{
    private const string Admin = "read:admin-messages";

    [Fact]
    public async Task Auth0_access_tokens_work_with_the_defaults()
    {
        using var api = new ApiFactory().WithIssuer("https://dev-abc123.us.auth0.com/");

        var response = await AdminWith(api, api.Issuer.Token().WithPermissions(Admin).With("scope", "openid"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Auth0_roles_added_by_an_action_under_a_namespaced_claim_grant_the_permission()
    {
        using var api = new ApiFactory().WithIssuer("https://dev-abc123.us.auth0.com/").WithSetting("Auth0:PermissionClaims:0", "https://example.com/roles");
        var token = api.Issuer.Token().With("scope", "openid").With("https://example.com/roles", new[] { Admin });

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keycloak_access_tokens_work_with_realm_roles()
    {
        using var api = Recipe("https://keycloak.test/realms/demo", "messages-api", "/realm_access/roles");
        var token = api.Issuer.Token()
            .With("aud", new[] { "messages-api", "account" })
            .With("typ", "Bearer")
            .With("azp", "web-app")
            .With("realm_access", new { roles = new[] { "offline_access", Admin, "uma_authorization" } })
            .With("scope", "openid profile email");

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keycloak_access_tokens_work_with_the_roles_of_a_client_whose_id_has_dots()
    {
        using var api = Recipe("https://keycloak.test/realms/demo", "messages-api", "/resource_access/com.example.messages-api/roles");
        var token = api.Issuer.Token()
            .With("aud", "messages-api")
            .With("typ", "Bearer")
            .With("resource_access", new Dictionary<string, object>
            {
                ["com.example.messages-api"] = new { roles = new[] { Admin } },
                ["account"] = new { roles = new[] { "manage-account" } },
            });

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Okta_access_tokens_work_with_scp_and_no_typ()
    {
        using var api = Recipe("https://dev-123456.okta.com/oauth2/default", "api://default", "scp");
        var token = api.Issuer.Token()
            .WithoutHeader("typ")
            .With("ver", 1)
            .With("aud", "api://default")
            .With("cid", "0oa1b2c3d4")
            .With("scp", new[] { "openid", Admin });

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Entra_id_v2_access_tokens_work_with_a_space_delimited_scp()
    {
        using var api = EntraRecipe("scp");
        var token = EntraAccessToken(api).With("scp", $"openid {Admin}");

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Entra_id_app_tokens_work_with_app_roles()
    {
        using var api = EntraRecipe("roles");
        var token = EntraAccessToken(api).With("roles", new[] { Admin }).With("idtyp", "app");

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_entra_id_token_for_the_same_app_registration_is_refused_as_no_access_token()
    {
        using var api = EntraRecipe("scp");
        // As Entra ID issues an ID token to the API's own app registration: the same issuer, keys, typ and aud; no azp or scp.
        var token = api.Issuer.Token()
            .With("aud", EntraClientId)
            .Without("azp")
            .With("ver", "2.0")
            .With("tid", EntraTenant)
            .With("oid", "00000000-0000-0000-66f3-3332eca7ea81")
            .With("nonce", "123523")
            .With("name", "Abe Lincoln")
            .With("preferred_username", "abeli@microsoft.com")
            .With("roles", new[] { Admin });

        (await ProtectedWith(api, token)).Should().BeRejectedWith(NotAnAccessToken);
    }

    [Fact]
    public async Task Cognito_id_tokens_are_refused_as_no_access_token()
    {
        using var api = CognitoRecipe();

        (await ProtectedWith(api, CognitoIdToken(api))).Should().BeRejectedWith(NotAnAccessToken);
    }

    [Fact]
    public async Task The_explainer_names_the_claim_a_cognito_id_token_lacks_among_the_rules()
    {
        using var api = CognitoRecipe();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(CognitoIdToken(api).Build());

        explanation.Checks.Should().ContainSingle(check => check.Check == "rules").Which.Should().Be(new TokenCheck("rules", false,
            "the access-token rules that need no key", "The token does not carry token_use=access, which Auth0:RequiredClaims asks of an access token."));
    }

    [Fact]
    public async Task Cognito_access_tokens_work_with_client_id_as_the_audience_and_cognito_groups()
    {
        using var api = CognitoRecipe();
        var token = CognitoToken(api, CognitoClientId);

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cognito_token_for_another_app_client_is_rejected_as_wrong_audience()
    {
        using var api = CognitoRecipe();
        var token = CognitoToken(api, "someotherclient");

        (await AdminWith(api, token)).Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task With_client_id_as_the_audience_claim_aud_alone_is_not_enough()
    {
        using var api = CognitoRecipe();
        var token = CognitoToken(api, CognitoClientId).Without("client_id").With("aud", CognitoClientId);

        (await AdminWith(api, token)).Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task A_provider_token_without_the_permission_gets_403()
    {
        using var api = Recipe("https://dev-123456.okta.com/oauth2/default", "api://default", "scp");
        var token = api.Issuer.Token().WithoutHeader("typ").With("aud", "api://default").With("scp", new[] { "openid" });

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private const string NotAnAccessToken = "The token lacks a claim this API requires of access tokens (is it an ID token?).";

    private const string EntraTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string EntraClientId = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    private static ApiFactory EntraRecipe(string permissionClaims) =>
        Recipe($"https://login.microsoftonline.com/{EntraTenant}/v2.0", EntraClientId, permissionClaims).WithSetting("Auth0:RequiredClaims:0", "azp");

    /// <summary>As Entra ID issues v2 access tokens: typ JWT, x5t beside kid, the API's client ID in aud, the calling client in azp.</summary>
    private static TokenBuilder EntraAccessToken(ApiFactory api) =>
        api.Issuer.Token()
            .WithHeader("x5t", "nOo3ZDrODXEK1jKWhXslHR_KXEg")
            .With("aud", EntraClientId)
            .With("ver", "2.0")
            .With("tid", EntraTenant)
            .With("azp", "a1b2c3d4-0000-0000-0000-000000000000")
            .With("azpacr", "0");

    private const string CognitoClientId = "1example23456789abcdefghij";

    private static ApiFactory CognitoRecipe() =>
        Recipe("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example", CognitoClientId, "cognito:groups")
            .WithSetting("Auth0:AudienceClaim", "client_id")
            .WithSetting("Auth0:RequiredClaims:0", "token_use=access");

    /// <summary>As Cognito issues access tokens: no typ, no aud, the app client in client_id, groups in cognito:groups.</summary>
    private static TokenBuilder CognitoToken(ApiFactory api, string clientId) =>
        api.Issuer.Token()
            .WithoutHeader("typ")
            .Without("aud")
            .Without("azp")
            .With("client_id", clientId)
            .With("token_use", "access")
            .With("scope", "aws.cognito.signin.user.admin")
            .With("cognito:groups", new[] { Admin })
            .With("username", "alice");

    /// <summary>As Cognito issues ID tokens: the app client in aud, no client_id, token_use id.</summary>
    private static TokenBuilder CognitoIdToken(ApiFactory api) =>
        CognitoToken(api, CognitoClientId).Without("client_id").With("aud", CognitoClientId).With("token_use", "id")
            .Without("scope").With("cognito:username", "alice").With("email", "alice@example.com");

    private static ApiFactory Recipe(string issuer, string audience, string permissionClaims) =>
        new ApiFactory().WithIssuer(issuer).WithSetting("AUTH0_AUDIENCE", audience).WithSetting("Auth0:PermissionClaims", permissionClaims);

    private static Task<HttpResponseMessage> AdminWith(ApiFactory api, TokenBuilder token) =>
        api.ClientWithToken(token.Build()).GetAsync("/api/messages/admin");

    private static Task<HttpResponseMessage> ProtectedWith(ApiFactory api, TokenBuilder token) =>
        api.ClientWithToken(token.Build()).GetAsync("/api/messages/protected");
}
