using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class MessagesContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Public_returns_the_public_message_to_anyone()
    {
        var response = await api.CreateClient().GetAsync("/api/messages/public");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"text":"This is a public message."}""");
    }

    [Fact]
    public async Task Protected_returns_the_protected_message_for_a_valid_token()
    {
        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"text":"This is a protected message."}""");
    }

    [Fact]
    public async Task Admin_returns_the_admin_message_for_a_token_with_the_permission()
    {
        var token = api.Issuer.Token().WithPermissions("read:admin-messages").Build();

        var response = await api.ClientWithToken(token).GetAsync("/api/messages/admin");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"text":"This is an admin message."}""");
    }

    [Theory]
    [InlineData("/api/messages/protected")]
    [InlineData("/api/messages/admin")]
    public async Task No_token_returns_401_requires_authentication(string path)
    {
        var response = await api.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Body(response)).GetProperty("message").GetString().Should().Be("Requires authentication");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Token abc")]
    public async Task An_authorization_header_without_a_bearer_token_returns_401_requires_authentication(string authorization)
    {
        var response = await Send("/api/messages/protected", authorization);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Body(response)).GetProperty("message").GetString().Should().Be("Requires authentication");
    }

    [Theory]
    [InlineData("/api/messages/protected")]
    [InlineData("/api/messages/admin")]
    public async Task An_invalid_token_returns_401_bad_credentials(string path)
    {
        var response = await api.ClientWithToken("not.a.token").GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Body(response)).GetProperty("message").GetString().Should().Be("Bad credentials");
    }

    [Fact]
    public async Task Admin_without_permission_returns_403_with_the_auth0_body()
    {
        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/admin");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"error":"insufficient_permissions","error_description":"Insufficient permissions to access resource","message":"Permission denied"}""");
    }

    [Fact]
    public async Task Unknown_path_returns_404_not_found()
    {
        var response = await api.CreateClient().GetAsync("/api/messages/nothing-here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Not Found"}""");
    }

    [Fact]
    public async Task Wrong_method_returns_405_with_allow_header_and_json_body()
    {
        var response = await api.CreateClient().PostAsync("/api/messages/public", null);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain("GET");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Method Not Allowed"}""");
    }

    private async Task<HttpResponseMessage> Send(string path, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await api.CreateClient().SendAsync(request);
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
