using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/token and /dev/explain answer only clients on this machine, whatever interfaces Kestrel listens on.</summary>
public sealed class DevEndpointsLoopbackTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Theory]
    [InlineData("/dev/token")]
    [InlineData("/dev/explain")]
    public async Task A_client_on_another_machine_is_refused_with_403_saying_why(string path)
    {
        var response = await api.ClientFrom("192.0.2.10").GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be("The development endpoints answer only clients on this machine (loopback).");
    }

    [Fact]
    public async Task A_post_to_dev_token_from_another_machine_is_refused()
    {
        var response = await api.ClientFrom("2001:db8::10").PostAsync("/dev/token", new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task A_loopback_client_gets_a_token(string address)
    {
        var response = await api.ClientFrom(address).GetAsync("/dev/token");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
