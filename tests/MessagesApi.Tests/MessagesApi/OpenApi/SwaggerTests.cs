using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class SwaggerTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task Protected_and_admin_require_the_bearer_scheme()
    {
        var paths = await Paths();

        Security(paths, "/api/messages/protected").Should().Equal("Bearer");
        Security(paths, "/api/messages/admin").Should().Equal("Bearer");
    }

    [Fact]
    public async Task Public_needs_no_security()
    {
        (await Paths()).GetProperty("/api/messages/public").GetProperty("get").TryGetProperty("security", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Admin_names_the_required_permission()
    {
        var admin = (await Paths()).GetProperty("/api/messages/admin").GetProperty("get");

        admin.GetProperty("security")[0].GetProperty("Bearer").EnumerateArray().Select(s => s.GetString()).Should().Equal("read:admin-messages");
        admin.GetProperty("description").GetString().Should().Contain("read:admin-messages");
    }

    [Fact]
    public async Task Operations_document_their_error_responses()
    {
        var paths = await Paths();

        Responses(paths, "/api/messages/public").Should().BeEquivalentTo("200");
        Responses(paths, "/api/messages/protected").Should().BeEquivalentTo("200", "401", "429", "503");
        Responses(paths, "/api/messages/admin").Should().BeEquivalentTo("200", "401", "403", "429", "503");
    }

    [Fact]
    public async Task Bearer_scheme_is_http_bearer_jwt()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        scheme.GetProperty("bearerFormat").GetString().Should().Be("JWT");
    }

    [Fact]
    public async Task Swagger_ui_gets_a_relaxed_csp_on_its_own_path_only()
    {
        var ui = await api.CreateClient().GetAsync("/swagger/index.html");
        var api_ = await api.CreateClient().GetAsync("/api/messages/public");

        ui.StatusCode.Should().Be(HttpStatusCode.OK);
        SecurityHeadersTests.Header(ui, "Content-Security-Policy").Should().Contain("script-src 'self' 'unsafe-inline'");
        SecurityHeadersTests.Header(api_, "Content-Security-Policy").Should().Be("default-src 'self'; frame-ancestors 'none';");
    }

    [Fact]
    public async Task The_description_says_swagger_ui_cannot_sign_dpop_proofs()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        document.GetProperty("info").GetProperty("description").GetString().Should().Contain("cannot sign the per-request proof a DPoP-bound token needs");
    }

    [Fact]
    public async Task The_document_names_no_server_so_try_it_out_calls_the_origin_swagger_ui_was_loaded_from()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        document.TryGetProperty("servers", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Dev_token_query_parameters_are_optional_so_try_it_out_mints_without_any()
    {
        var parameters = (await Paths()).GetProperty("/dev/token").GetProperty("get").GetProperty("parameters");

        parameters.EnumerateArray().Where(p => p.TryGetProperty("required", out var required) && required.GetBoolean())
            .Select(p => p.GetProperty("name").GetString()).Should().BeEmpty();
    }

    private async Task<JsonElement> Paths() =>
        (await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json")).GetProperty("paths");

    private static IEnumerable<string> Security(JsonElement paths, string path) =>
        paths.GetProperty(path).GetProperty("get").GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name));

    private static IEnumerable<string> Responses(JsonElement paths, string path) =>
        paths.GetProperty(path).GetProperty("get").GetProperty("responses").EnumerateObject().Select(p => p.Name);
}

public sealed class SwaggerInProductionTests : IClassFixture<SwaggerInProductionTests.Factory>
{
    private readonly Factory _api;

    public SwaggerInProductionTests(Factory api) => _api = api;

    public sealed class Factory : ApiFactory
    {
        public Factory() => WithSetting("Swagger:Enabled", "true");
    }

    [Fact]
    public async Task Swagger_ui_is_served_in_production_when_the_setting_turns_it_on()
    {
        (await _api.CreateClient().GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
