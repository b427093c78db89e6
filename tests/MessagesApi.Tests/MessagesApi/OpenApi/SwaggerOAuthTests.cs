using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>Swagger UI's authorization-code + PKCE flow against an issuer whose discovery document names its endpoints
/// where Keycloak puts them, nowhere near Auth0's /authorize and /oauth/token.</summary>
public sealed class SwaggerOAuthTests : IClassFixture<SwaggerOAuthTests.Factory>
{
    private readonly Factory _api;

    public SwaggerOAuthTests(Factory api) => _api = api;

    public sealed class Factory : ApiFactory
    {
        // A value Swashbuckle's own script does not contain, so finding it in the script proves the setting was applied.
        public const string ClientId = "messages-api-docs";

        public Factory()
        {
            WithIssuer("https://keycloak.test/realms/demo");
            WithSetting("Swagger:Enabled", "true").WithSetting("Swagger:OAuthClientId", ClientId);
            WithServices(services => services.AddHttpClient(IssuerKeyStore.BackchannelName)
                .AddHttpMessageHandler(() => new DiscoveryEndpoints(AuthorizationEndpoint, TokenEndpoint)));
        }

        public string AuthorizationEndpoint => Issuer.Issuer + "/protocol/openid-connect/auth";

        public string TokenEndpoint => Issuer.Issuer + "/protocol/openid-connect/token";
    }

    [Fact]
    public async Task A_configured_client_id_adds_the_authorization_code_flow_at_the_endpoints_the_discovery_document_names()
    {
        var flow = AuthorizationCodeFlow(await _api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath));

        flow.GetProperty("authorizationUrl").GetString().Should().Be(_api.AuthorizationEndpoint);
        flow.GetProperty("tokenUrl").GetString().Should().Be(_api.TokenEndpoint);
    }

    [Fact]
    public async Task The_flow_offers_as_scopes_the_permissions_the_endpoints_require()
    {
        var flow = AuthorizationCodeFlow(await _api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath));

        flow.GetProperty("scopes").EnumerateObject().Select(scope => scope.Name).Should().Equal("read:admin-messages");
    }

    [Fact]
    public async Task A_configured_client_id_offers_the_flow_beside_bearer_on_admin_with_the_permission_it_needs()
    {
        var document = await _api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath);

        Requirements(document, "/api/messages/admin").Should().Equal("Bearer: read:admin-messages", "OAuth2: read:admin-messages");
    }

    [Fact]
    public async Task Swagger_ui_is_told_to_use_pkce_with_the_client_id()
    {
        var config = await _api.CreateClient().GetStringAsync("/swagger/index.js");

        config.Should().Contain($"\"clientId\":\"{Factory.ClientId}\"").And.Contain("\"usePkceWithAuthorizationCodeGrant\":true");
    }

    [Fact]
    public async Task An_issuer_not_on_auth0_com_gets_no_audience_parameter()
    {
        var config = await _api.CreateClient().GetStringAsync("/swagger/index.js");

        config.Should().NotContain("audience");
    }

    [Fact]
    public async Task The_flow_stays_offered_for_an_issuer_typed_without_the_trailing_slash_its_discovery_document_names()
    {
        using var api = new ApiFactory().WithIssuer("https://tenant.test")
            .WithSetting("Swagger:Enabled", "true").WithSetting("Swagger:OAuthClientId", "docs").WithServices(services => services.AddHttpClient(IssuerKeyStore.BackchannelName)
            .AddHttpMessageHandler(() => new DiscoveryEndpoints("https://tenant.test/authorize", "https://tenant.test/oauth/token")));
        api.Issuer.DiscoveryIssuer = "https://tenant.test/";
        await api.KeysLoadedAsync();

        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath);

        AuthorizationCodeFlow(document).GetProperty("authorizationUrl").GetString().Should().Be("https://tenant.test/authorize");
    }

    internal static JsonElement AuthorizationCodeFlow(JsonElement document) =>
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2").GetProperty("flows").GetProperty("authorizationCode");

    internal static IEnumerable<string> Requirements(JsonElement document, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("security").EnumerateArray()
            .SelectMany(requirement => requirement.EnumerateObject()).Select(scheme => $"{scheme.Name}: {string.Join(" ", scheme.Value.EnumerateArray())}");
}

/// <summary>Auth0's <c>audience</c> parameter is sent to Auth0 only; RFC 8707's <c>resource</c> when asked.</summary>
public sealed class SwaggerOAuthAudienceTests
{
    [Fact]
    public async Task An_auth0_tenant_gets_the_audience_parameter_naming_the_api()
    {
        using var api = OAuthEnabled().WithIssuer("https://dev-abc123.us.auth0.com/");

        var config = await api.CreateClient().GetStringAsync("/swagger/index.js");

        config.Should().Contain($"\"additionalQueryStringParams\":{{\"audience\":\"{TokenBuilder.Audience}\"}}");
    }

    [Fact]
    public async Task The_setting_names_an_auth0_tenant_on_a_custom_domain()
    {
        using var api = OAuthEnabled().WithIssuer("https://login.example.com/").WithSetting("Swagger:OAuthAudienceParameter", "Audience");

        var config = await api.CreateClient().GetStringAsync("/swagger/index.js");

        config.Should().Contain($"\"additionalQueryStringParams\":{{\"audience\":\"{TokenBuilder.Audience}\"}}");
    }

    [Fact]
    public async Task The_setting_asks_for_an_rfc_8707_resource_instead()
    {
        using var api = OAuthEnabled().WithSetting("Swagger:OAuthAudienceParameter", "Resource");

        var config = await api.CreateClient().GetStringAsync("/swagger/index.js");

        config.Should().Contain($"\"additionalQueryStringParams\":{{\"resource\":\"{TokenBuilder.Audience}\"}}");
    }

    private static ApiFactory OAuthEnabled() => new ApiFactory().WithSetting("Swagger:Enabled", "true").WithSetting("Swagger:OAuthClientId", "docs");
}

/// <summary>No Auth0 paths invented: without the issuer's endpoints the flow is left out, and the document says why.</summary>
public sealed class SwaggerOAuthWithoutDiscoveryTests
{
    [Fact]
    public async Task A_discovery_document_without_an_authorization_endpoint_leaves_the_flow_out_and_bearer_says_why()
    {
        using var api = OAuthEnabled();

        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.EnumerateObject().Select(scheme => scheme.Name).Should().Equal("Bearer");
        schemes.GetProperty("Bearer").GetProperty("description").GetString().Should().Contain("names no authorization_endpoint and token_endpoint");
        SwaggerOAuthTests.Requirements(document, "/api/messages/admin").Should().Equal("Bearer: read:admin-messages");
    }

    [Fact]
    public async Task The_flow_appears_once_an_issuer_that_could_not_be_read_answers()
    {
        using var api = OAuthEnabled().WithSetting("Auth0:OnDemandRefreshThrottle", "00:00:00.100").WithServices(services => services.AddHttpClient(IssuerKeyStore.BackchannelName)
            .AddHttpMessageHandler(() => new DiscoveryEndpoints("https://issuer.test/authorize-here", "https://issuer.test/token-here")));
        api.Issuer.State = IssuerState.Refusing;
        var unreachable = await api.CreateClient().GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath);
        unreachable.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("description").GetString()
            .Should().Contain("are not fetched yet");

        api.Issuer.State = IssuerState.Up;

        // Each request for the document reads the discovery document again, as often as the on-demand throttle allows.
        await Eventually.Until(async () => (await api.CreateClient().GetStringAsync(OpenApiContract.DocumentPath)).Contains("https://issuer.test/authorize-here"),
            TimeSpan.FromSeconds(30), "the flow at the endpoints of the discovery document");
    }

    [Fact]
    public async Task Requests_for_the_document_while_the_issuer_is_unreachable_read_it_no_more_often_than_the_on_demand_throttle()
    {
        // A clock that stands still: the scheduled retry never comes, and the throttle never lapses. The start-up fetch
        // over first: a document request that joined it would start no throttle window, and the next would fetch.
        using var api = OAuthEnabled().WithFakeClock();
        await api.FirstKeysNotFetchedAsync();
        api.Issuer.State = IssuerState.Refusing;
        await api.CreateClient().GetStringAsync(OpenApiContract.DocumentPath);
        var discoveryRequests = api.Issuer.RequestedUrls.Count(url => url.EndsWith("/openid-configuration", StringComparison.Ordinal));

        for (var i = 0; i < 5; i++)
            await api.CreateClient().GetStringAsync(OpenApiContract.DocumentPath);

        api.Issuer.RequestedUrls.Count(url => url.EndsWith("/openid-configuration", StringComparison.Ordinal)).Should().Be(discoveryRequests);
    }

    private static ApiFactory OAuthEnabled() => new ApiFactory().WithSetting("Swagger:Enabled", "true").WithSetting("Swagger:OAuthClientId", "docs");
}

/// <summary>A blank client id unsets the flow, as an empty AUTH0_DOMAIN unsets the tenant: an empty variable in a
/// compose file or a Kubernetes manifest is not a client called "".</summary>
public sealed class SwaggerOAuthBlankClientIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task A_blank_client_id_offers_bearer_alone_in_the_document_and_in_swagger_ui(string clientId)
    {
        using var api = new ApiFactory().WithSetting("Swagger:Enabled", "true").WithSetting("Swagger:OAuthClientId", clientId);
        var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(OpenApiContract.DocumentPath);
        var script = await client.GetStringAsync("/swagger/index.js");

        document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(scheme => scheme.Name).Should().Equal("Bearer");
        SwaggerOAuthTests.Requirements(document, "/api/messages/admin").Should().Equal("Bearer: read:admin-messages");
        script.Should().NotContain("clientId");
    }
}
