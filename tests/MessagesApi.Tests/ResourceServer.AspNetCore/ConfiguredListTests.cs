using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests;

/// <summary>A list setting that is configured replaces its default; it never adds to it.</summary>
public sealed class ConfiguredListTests
{
    private const string NotAllowed = "The token's signing algorithm is not allowed.";

    [Fact]
    public async Task Configured_algorithms_replace_RS256_so_an_RS256_token_is_rejected()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "PS256");

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith(NotAllowed);
    }

    [Fact]
    public async Task A_configured_algorithm_is_accepted()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "PS256");
        api.Issuer.Rotate("PS256");

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Comma_separated_algorithms_replace_RS256_too()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms", "PS256, ES256");

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith(NotAllowed);
    }

    [Fact]
    public void Unset_algorithms_allow_RS256_alone()
    {
        using var api = new ApiFactory();

        api.Services.GetRequiredService<IOptions<Auth0Options>>().Value.Algorithms.Should().Equal("RS256");
    }

    [Fact]
    public async Task Configured_client_origin_replaces_the_default_origin()
    {
        using var api = new ApiFactory().WithSetting("CLIENT_ORIGIN_URL", "https://app.example");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/public") { Headers = { { "Origin", "http://localhost:4040" } } };

        var response = await api.CreateClient().SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Algorithms_from_the_environment_replace_RS256_in_the_running_API()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = keyFile.Path,
            ["Auth0__Algorithms__0"] = "PS256",
        });
        // The development issuer signs with RS256.
        var token = (await api.Client().GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;

        var response = await api.Client(token).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith(NotAllowed);
    }
}
