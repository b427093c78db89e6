using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using ResourceServer.AspNetCore;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>Issuers as providers write them and users type them: Keycloak, Okta, Entra ID and Cognito issuers have a path
/// and no trailing slash, and a token's <c>iss</c> must equal the configured issuer exactly; an issuer whose path is empty
/// is the same issuer with or without the trailing slash (RFC 3986 §6.2.3), and its tokens must carry exactly the form
/// its discovery document names.</summary>
public sealed class IssuerUrlTests
{
    private const string PathIssuer = "https://idp.test/realms/demo";
    private const string TenantWithoutSlash = "https://tenant.test";
    private const string TenantWithSlash = "https://tenant.test/";

    [Fact]
    public async Task A_path_issuer_without_a_trailing_slash_is_trusted_as_written()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Issuer.RequestedUrls.Should().Contain($"{PathIssuer}/.well-known/openid-configuration");
    }

    [Fact]
    public async Task A_token_whose_iss_adds_a_trailing_slash_to_a_path_issuer_is_rejected()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", PathIssuer + "/").Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task A_discovery_document_naming_the_issuer_with_a_trailing_slash_is_not_trusted()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);
        api.Issuer.DiscoveryIssuer = PathIssuer + "/";

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The issuer's signing keys are unavailable; try again shortly.");
    }

    [Fact]
    public async Task An_issuer_typed_without_its_trailing_slash_trusts_tokens_carrying_the_form_its_discovery_document_names()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", TenantWithSlash).Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resource_metadata_names_the_authorization_server_as_its_discovery_document_does()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash).WithSetting("PUBLIC_URL", "https://api.test");
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.KeysLoadedAsync();

        var metadata = await api.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource");

        metadata.GetProperty("authorization_servers").EnumerateArray().Select(server => server.GetString()).Should().Equal(TenantWithSlash);
    }

    [Fact]
    public async Task An_issuer_typed_with_a_trailing_slash_trusts_a_discovery_document_naming_it_without()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithSlash);
        api.Issuer.DiscoveryIssuer = TenantWithoutSlash;

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", TenantWithoutSlash).Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_carrying_the_form_the_discovery_document_does_not_name_is_rejected()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.KeysLoadedAsync();

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", TenantWithoutSlash).Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task A_token_that_causes_the_first_fetch_is_rejected_when_the_document_names_the_other_form()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        api.Issuer.State = IssuerState.Refusing;
        await api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync();
        api.Issuer.State = IssuerState.Up;

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", TenantWithoutSlash).Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task The_explanation_expects_the_issuer_the_discovery_document_names()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.KeysLoadedAsync();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(api.Issuer.Token().With("iss", TenantWithSlash).Build());

        explanation.Checks.Single(check => check.Check == "issuer").Should().Be(new TokenCheck("issuer", true, TenantWithSlash, TenantWithSlash));
    }

    [Fact]
    public async Task A_token_rejected_for_the_form_the_discovery_document_does_not_name_is_logged_expecting_that_form()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.KeysLoadedAsync();

        await api.ClientWithToken(api.Issuer.Token().With("iss", TenantWithoutSlash).Build()).GetAsync("/api/messages/protected");

        api.Logs.Entries.Select(entry => entry.Message).Should()
            .Contain(message => message.Contains($"wrong_issuer, expected iss {TenantWithSlash}, found {TenantWithoutSlash}."));
    }

    [Fact]
    public async Task The_explanation_of_a_token_arriving_before_the_first_keys_judges_its_issuer_by_the_document_that_fetch_reads()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash).WithFakeClock();
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.FirstKeysNotFetchedAsync();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(api.Issuer.Token().With("iss", TenantWithoutSlash).Build());

        explanation.Checks.Single(check => check.Check == "issuer").Should().Be(new TokenCheck("issuer", false, TenantWithSlash, TenantWithoutSlash));
    }

    [Fact]
    public async Task The_explanation_of_a_token_arriving_before_the_first_keys_accepts_the_form_the_document_names()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash).WithFakeClock();
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.FirstKeysNotFetchedAsync();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(api.Issuer.Token().With("iss", TenantWithSlash).Build());

        explanation.Checks.Single(check => check.Check == "issuer").Should().Be(new TokenCheck("issuer", true, TenantWithSlash, TenantWithSlash));
    }

    [Fact]
    public async Task The_explanation_of_an_issuer_on_another_port_names_the_trusted_issuer_as_its_document_does()
    {
        using var api = new ApiFactory().WithIssuer(TenantWithoutSlash);
        api.Issuer.DiscoveryIssuer = TenantWithSlash;
        await api.KeysLoadedAsync();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(api.Issuer.Token().With("iss", "https://tenant.test:8443/").Build());

        explanation.Checks.Single(check => check.Check == "kid").Found.Should().EndWith($"differs from the trusted issuer {TenantWithSlash} only in its port");
    }

    [Fact]
    public void An_issuer_listed_with_and_without_its_trailing_slash_is_refused_as_listed_twice()
    {
        var options = new Auth0Options { Domain = $"{TenantWithoutSlash},{TenantWithSlash}", Audience = TokenBuilder.Audience };

        var failures = new Auth0OptionsValidator(new HostingEnvironment { EnvironmentName = "Production" }).Validate(null, options).Failures;

        failures.Should().ContainSingle().Which.Should().StartWith($"AUTH0_DOMAIN names the issuer {TenantWithoutSlash} more than once");
    }
}
