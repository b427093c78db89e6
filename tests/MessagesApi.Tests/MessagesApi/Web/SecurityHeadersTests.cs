using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, bool, HttpStatusCode> Responses => new()
    {
        { "/api/messages/public", false, HttpStatusCode.OK },
        { "/api/messages/protected", false, HttpStatusCode.Unauthorized },
        { "/api/messages/admin", true, HttpStatusCode.Forbidden },
        { "/api/messages/nothing", false, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path, bool withToken, HttpStatusCode status)
    {
        var client = withToken ? api.ClientWithToken(api.Issuer.Token().Build()) : api.CreateClient();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(status);
        Header(response, "X-XSS-Protection").Should().Be("0");
        Header(response, "Strict-Transport-Security").Should().Be("max-age=31536000; includeSubDomains");
        Header(response, "X-Frame-Options").Should().Be("deny");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Content-Security-Policy").Should().Be("default-src 'self'; frame-ancestors 'none';");
        Header(response, "Cache-Control").Should().Be("no-cache, no-store, max-age=0, must-revalidate");
        Header(response, "Pragma").Should().Be("no-cache");
    }

    [Fact]
    public async Task No_response_names_the_server()
    {
        // Kestrel is what writes a Server header, and the in-process test server never does: this needs the real process.
        await using var process = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = api.Issuer.Issuer,
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
        });
        var client = process.Client();

        var responses = new[]
        {
            await client.GetAsync("/api/messages/public"),
            await client.GetAsync("/api/messages/protected"),
            await client.GetAsync("/api/messages/nothing"),
        };

        responses.Select(r => r.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound);
        responses.Should().OnlyContain(r => !r.Headers.Contains("Server"));
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        // NonValidated: the header as sent, not as HttpClient re-serialises it.
        response.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.NonValidated.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : null;
}
