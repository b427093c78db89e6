using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests;

/// <summary>The RFC 9728 document: its <c>resource</c> is PUBLIC_URL, the URL clients call, which RFC 9728 clients check
/// against the URL they called; without PUBLIC_URL outside Development nothing is published.</summary>
public sealed class ProtectedResourceMetadataTests(ProtectedResourceMetadataTests.Factory api) : IClassFixture<ProtectedResourceMetadataTests.Factory>
{
    private const string MetadataPath = "/.well-known/oauth-protected-resource";

    [Fact]
    public async Task Metadata_names_the_public_url_the_issuer_and_the_permissions()
    {
        var response = await api.CreateClient().GetAsync(MetadataPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();
        metadata.GetProperty("resource").GetString().Should().Be(Factory.PublicUrl);
        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().Equal(api.Issuer.Issuer);
        metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("header");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("read:admin-messages");
    }

    [Fact]
    public async Task Metadata_names_the_dpop_proof_algorithms_and_that_bound_tokens_are_optional()
    {
        var metadata = await api.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("ES256", "ES384", "PS256", "RS256");
        metadata.GetProperty("dpop_bound_access_tokens_required").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task With_dpop_required_metadata_says_bound_tokens_are_required()
    {
        using var required = new ApiFactory().WithSetting("PUBLIC_URL", "https://example.com").WithSetting("Auth0:Dpop:Mode", "Required");

        var metadata = await required.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("dpop_bound_access_tokens_required").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Metadata_says_certificate_bound_tokens_are_not_accepted_until_enabled()
    {
        var metadata = await api.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task With_certificate_binding_enabled_metadata_says_certificate_bound_tokens_are_accepted()
    {
        using var enabled = new ApiFactory().WithSetting("PUBLIC_URL", "https://example.com").WithSetting("Auth0:CertificateBinding:Enabled", "true");

        var metadata = await enabled.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Resource_of_a_public_url_with_a_path_is_that_url_without_its_trailing_slash()
    {
        using var underPath = new ApiFactory().WithSetting("PUBLIC_URL", "https://example.com/messages-api/");

        var metadata = await underPath.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("resource").GetString().Should().Be("https://example.com/messages-api");
    }

    [Fact]
    public async Task In_development_the_resource_is_localhost_on_PORT()
    {
        await using var development = new DevelopmentApiFactory();

        var metadata = await development.CreateClient().GetFromJsonAsync<JsonElement>(MetadataPath);

        metadata.GetProperty("resource").GetString().Should().Be("http://localhost:6060");
    }

    [Fact]
    public async Task Without_PUBLIC_URL_production_publishes_no_metadata()
    {
        using var production = new ApiFactory();

        var response = await production.CreateClient().GetAsync(MetadataPath);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Without_PUBLIC_URL_production_says_at_start_how_to_publish_metadata()
    {
        using var production = new ApiFactory();

        production.CreateClient();

        production.Logs.Entries.Should().ContainSingle(entry => entry.Message.Contains("PUBLIC_URL"))
            .Which.Should().Match<(LogLevel Level, string Category, string Message, Exception? Exception)>(entry =>
                entry.Level == LogLevel.Information && entry.Message.Contains("PUBLIC_URL=https://"));
    }

    public sealed class Factory : ApiFactory
    {
        // Not the audience: the URL clients call and the identifier tokens are issued for are different settings.
        public const string PublicUrl = "https://api.messages.example";

        public Factory() => WithSetting("PUBLIC_URL", PublicUrl);
    }
}
