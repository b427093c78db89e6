using System.Net;
using System.Net.Sockets;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_lets_in_flight_requests_finish_and_exits_zero()
    {
        // An issuer that leaves connections in its backlog and never answers: the API's key fetch, and every request
        // waiting for keys, hangs until the test stops it.
        using var silentIssuer = new TcpListener(IPAddress.Loopback, 0);
        silentIssuer.Start(100);
        var issuerPort = ((IPEndPoint)silentIssuer.LocalEndpoint).Port;
        var issuer = new TestIssuer($"https://localhost:{issuerPort}/");
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = $"localhost:{issuerPort}",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            // Longer than the test, so the fetch ends when the test stops the issuer and not on a timer.
            ["Auth0__BackchannelTimeout"] = "00:05:00",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var inFlight = Enumerable.Range(0, 10).Select(_ => api.Client(issuer.Token().Build()).GetAsync("/api/messages/protected")).ToArray();
        await Eventually.Until(() => silentIssuer.Pending() && RequestsStarted(api) == inFlight.Length, TimeSpan.FromSeconds(30),
            "the API never had all ten requests under way while fetching keys");

        inFlight.Count(request => request.IsCompleted).Should().Be(0, "every request waits for the issuer's keys when SIGTERM is sent");
        api.Terminate();
        await Eventually.Until(() => api.Output.Contains("Application is shutting down"), TimeSpan.FromSeconds(30), "the API never began shutting down");
        inFlight.Count(request => request.IsCompleted).Should().Be(0, "the requests are still waiting once shutdown has begun");
        silentIssuer.Stop();
        var responses = await Task.WhenAll(inFlight);
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        exitCode.Should().Be(0);
    }

    private static int RequestsStarted(ApiProcess api) =>
        api.Output.Split('\n').Count(line => line.Contains("Request starting") && line.Contains("/api/messages/protected"));
}
