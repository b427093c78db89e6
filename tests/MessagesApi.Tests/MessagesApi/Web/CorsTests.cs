using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class CorsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string AllowedOrigin = "http://localhost:4040";

    [Fact]
    public async Task Allowed_origin_gets_access_control_allow_origin()
    {
        var response = await Get("/api/messages/public", AllowedOrigin);

        SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
    }

    [Fact]
    public async Task Other_origin_gets_no_access_control_allow_origin()
    {
        var response = await Get("/api/messages/public", "http://evil.example");

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task A_401_to_an_allowed_origin_still_carries_access_control_allow_origin()
    {
        var response = await Get("/api/messages/protected", AllowedOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
    }

    [Fact]
    public async Task A_401_to_an_allowed_origin_exposes_WWW_Authenticate_to_the_web_app()
    {
        var response = await Get("/api/messages/protected", AllowedOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        SecurityHeadersTests.Header(response, "Access-Control-Expose-Headers").Should().Be("WWW-Authenticate,Retry-After,DPoP-Nonce");
    }

    [Fact]
    public async Task A_403_to_an_allowed_origin_still_carries_access_control_allow_origin()
    {
        var response = await Get("/api/messages/admin", AllowedOrigin, api.Issuer.Token().Build());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
    }

    [Fact]
    public async Task Preflight_from_allowed_origin_needs_no_token_and_allows_get_with_authorization()
    {
        var response = await Preflight("/api/messages/admin", AllowedOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Methods").Should().Be("GET");
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Headers").Should().Contain("Authorization");
        SecurityHeadersTests.Header(response, "Access-Control-Max-Age").Should().Be("86400");
    }

    [Fact]
    public async Task Preflight_from_other_origin_is_not_allowed()
    {
        var response = await Preflight("/api/messages/admin", "http://evil.example");

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Theory]
    [InlineData(AllowedOrigin)]
    [InlineData("http://evil.example")]
    [InlineData(null)]
    public async Task Every_answer_varies_by_origin_once(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/public");
        if (origin is not null)
            request.Headers.Add("Origin", origin);

        var response = await api.CreateClient().SendAsync(request);

        VaryNames(response).Where(name => name == "Origin").Should().ContainSingle();
    }

    [Theory]
    [InlineData(AllowedOrigin)]
    [InlineData("http://evil.example")]
    public async Task A_preflight_varies_by_origin_once(string origin)
    {
        var response = await Preflight("/api/messages/admin", origin);

        VaryNames(response).Where(name => name == "Origin").Should().ContainSingle();
    }

    private static IEnumerable<string> VaryNames(HttpResponseMessage response) =>
        response.Headers.Vary.SelectMany(value => value.Split(',')).Select(name => name.Trim());

    private async Task<HttpResponseMessage> Get(string path, string origin, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        if (token is not null)
            request.Headers.Add("Authorization", "Bearer " + token);
        return await api.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return await api.CreateClient().SendAsync(request);
    }
}
