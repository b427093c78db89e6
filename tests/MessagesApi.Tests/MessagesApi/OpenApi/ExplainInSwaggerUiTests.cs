using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>/dev/explain from Swagger UI: GET sends the token from Authorize (its operation carries the Bearer
/// requirement, with an empty alternative so it can be called without one), and POST shows a body field for the token.</summary>
public sealed class ExplainInSwaggerUiTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task Get_offers_bearer_or_nothing_so_swagger_ui_sends_the_authorized_token_when_there_is_one()
    {
        var get = (await Paths()).GetProperty("/dev/explain").GetProperty("get");

        get.GetProperty("security").EnumerateArray().Select(Schemes).Should().Equal("Bearer", "");
    }

    [Fact]
    public async Task Post_documents_a_text_body_for_the_token()
    {
        var post = (await Paths()).GetProperty("/dev/explain").GetProperty("post");

        post.GetProperty("requestBody").GetProperty("content").GetProperty("text/plain").GetProperty("schema").GetProperty("type").GetString()
            .Should().Be("string");
    }

    [Theory]
    [InlineData("get")]
    [InlineData("post")]
    public async Task Both_operations_document_the_403_a_client_on_another_machine_gets(string method)
    {
        var operation = (await Paths()).GetProperty("/dev/explain").GetProperty(method);

        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().BeEquivalentTo("200", "403");
    }

    [Fact]
    public async Task Get_with_the_header_the_documented_scheme_makes_swagger_ui_send_explains_the_token()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var scheme = document.GetProperty("paths").GetProperty("/dev/explain").GetProperty("get").GetProperty("security")[0].EnumerateObject().First().Name;
        var http = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(scheme).GetProperty("scheme").GetString();
        var request = new HttpRequestMessage(HttpMethod.Get, "/dev/explain");
        request.Headers.Authorization = new AuthenticationHeaderValue(http!, await DevToken());

        var explanation = await (await api.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Post_with_the_body_of_the_documented_media_type_explains_the_token()
    {
        var post = (await Paths()).GetProperty("/dev/explain").GetProperty("post");
        var mediaType = post.GetProperty("requestBody").GetProperty("content").EnumerateObject().First().Name;
        var request = new HttpRequestMessage(HttpMethod.Post, "/dev/explain") { Content = new StringContent(await DevToken(), Encoding.UTF8, mediaType) };

        var explanation = await (await api.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
    }

    private async Task<string> DevToken() =>
        (await api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;

    private async Task<JsonElement> Paths() =>
        (await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json")).GetProperty("paths");

    private static string Schemes(JsonElement requirement) => string.Join(" ", requirement.EnumerateObject().Select(s => s.Name));
}

/// <summary>With Swagger UI's OAuth flow configured, GET /dev/explain also sends the token that flow got.</summary>
public sealed class ExplainInSwaggerUiWithOAuthTests(ExplainInSwaggerUiWithOAuthTests.Factory api) : IClassFixture<ExplainInSwaggerUiWithOAuthTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        public Factory()
        {
            Environment = "Development";
            WithSetting("Swagger:OAuthClientId", "messages-api-docs");
            // Swagger UI's flow is offered only at the endpoints the issuer's discovery document names.
            WithServices(services => services.AddHttpClient(IssuerKeyStore.BackchannelName)
                .AddHttpMessageHandler(() => new DiscoveryEndpoints(Issuer.Issuer + "/authorize", Issuer.Issuer + "/token")));
        }
    }

    [Fact]
    public async Task Get_offers_bearer_oauth_or_nothing()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        document.GetProperty("paths").GetProperty("/dev/explain").GetProperty("get").GetProperty("security").EnumerateArray()
            .Select(r => string.Join(" ", r.EnumerateObject().Select(s => s.Name))).Should().Equal("Bearer", "OAuth2", "");
    }
}
