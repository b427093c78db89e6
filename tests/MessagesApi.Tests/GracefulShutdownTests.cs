using System.Net;
using System.Net.Sockets;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_lets_in_flight_requests_finish_and_exits_zero()
    {
        // An issuer that accepts connections and never answers keeps requests in flight for the backchannel timeout.
        using var silentIssuer = new TcpListener(IPAddress.Loopback, 0);
        silentIssuer.Start(100);
        var issuer = new TestIssuer($"https://localhost:{((IPEndPoint)silentIssuer.LocalEndpoint).Port}/");
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = $"localhost:{((IPEndPoint)silentIssuer.LocalEndpoint).Port}",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["Auth0__BackchannelTimeout"] = "00:00:03",
        });
        var inFlight = Enumerable.Range(0, 10).Select(_ => api.Client(issuer.Token().Build()).GetAsync("/api/messages/protected")).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));

        api.Terminate();
        var responses = await Task.WhenAll(inFlight);
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(15));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        exitCode.Should().Be(0);
    }
}
