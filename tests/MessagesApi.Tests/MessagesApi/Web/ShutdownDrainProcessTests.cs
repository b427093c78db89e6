using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API sent SIGTERM, as Kubernetes does: /readyz answers 503 at once, the API keeps serving (new
/// connections included) for ShutdownDelay, then it stops and exits 0 within ShutdownDelay + ShutdownTimeout.</summary>
public sealed class ShutdownDrainProcessTests
{
    // Longer than any test here: the drain is still under way when the test ends, and disposing kills the process.
    private const string LongDelay = "00:01:00";

    private static readonly TimeSpan SignalLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task After_sigterm_readyz_answers_503_unhealthy_at_once()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartReadyAsync(keyFile, LongDelay);

        api.Terminate();

        var response = await ReadinessOnceDrainingAsync(api);
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Unhealthy");
    }

    [Fact]
    public async Task During_the_delay_a_new_connection_is_served()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartReadyAsync(keyFile, LongDelay);
        api.Terminate();
        await ReadinessOnceDrainingAsync(api);

        // A client of its own: its pool has no connection yet, so this request opens one.
        using var newClient = api.Client();
        var response = await newClient.GetAsync("/api/messages/public");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task During_the_delay_the_server_closes_a_keep_alive_connection_after_its_response()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartReadyAsync(keyFile, LongDelay);
        using var connection = new TcpClient();
        await connection.ConnectAsync("localhost", api.Port);
        api.Terminate();
        await ReadinessOnceDrainingAsync(api);

        var stream = connection.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/messages/public HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"));
        // Reading to the end returns only once the server closes the connection.
        using var reading = new CancellationTokenSource(SignalLimit);
        var response = await new StreamReader(stream).ReadToEndAsync(reading.Token);

        response.Should().StartWith("HTTP/1.1 200").And.Contain("\r\nConnection: close\r\n");
    }

    [Fact]
    public async Task After_the_delay_the_process_exits_zero_within_delay_plus_timeout()
    {
        var delay = TimeSpan.FromSeconds(2);
        var timeout = TimeSpan.FromSeconds(10);
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartReadyAsync(keyFile, delay.ToString("c"), timeout.ToString("c"));
        var elapsed = Stopwatch.StartNew();

        api.Terminate();
        var exitCode = await api.WaitForExitAsync(delay + timeout);

        exitCode.Should().Be(0);
        elapsed.Elapsed.Should().BeGreaterThanOrEqualTo(delay);
    }

    [Fact]
    public async Task A_drain_logs_no_error()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartReadyAsync(keyFile, "00:00:03");

        api.Terminate();
        await ReadinessOnceDrainingAsync(api);
        await api.WaitForExitAsync(TimeSpan.FromSeconds(30));

        api.Output.Should().Contain("while /readyz answers 503").And.NotContain("fail:");
    }

    /// <summary>The API as `dotnet run` starts it, its own issuer, with this ShutdownDelay, once /readyz says it is ready.</summary>
    private static async Task<ApiProcess> StartReadyAsync(TemporaryKeyFile keyFile, string shutdownDelay, string shutdownTimeout = "00:00:20")
    {
        var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = keyFile.Path,
            ["ShutdownDelay"] = shutdownDelay,
            ["ShutdownTimeout"] = shutdownTimeout,
        });
        using var client = api.Client();
        await Eventually.Until(async () => (await client.GetAsync(HealthEndpoints.ReadinessPath)).IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            "the API never loaded its own signing keys");
        return api;
    }

    /// <summary>The first /readyz answer other than 200 after SIGTERM, which the process handles as soon as it gets it.</summary>
    private static async Task<HttpResponseMessage> ReadinessOnceDrainingAsync(ApiProcess api)
    {
        using var client = api.Client();
        HttpResponseMessage? response = null;
        await Eventually.Until(async () => (response = await client.GetAsync(HealthEndpoints.ReadinessPath)).StatusCode != HttpStatusCode.OK,
            SignalLimit, "/readyz still answered 200 after SIGTERM");
        return response!;
    }
}
