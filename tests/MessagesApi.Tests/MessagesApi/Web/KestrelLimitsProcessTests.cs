using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API, the way hostile clients meet it: bodies over the limit, headers sent too slowly, one
/// connection too many.</summary>
public sealed class KestrelLimitsProcessTests
{
    private const int BodyLimit = 64 * 1024;

    [Fact]
    public async Task A_body_over_64_KB_gets_413_with_the_json_error_body()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartDevelopmentAsync(keyFile);

        var response = await api.Client().PostAsync("/dev/explain", new StringContent(new string('a', BodyLimit + 1)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Be("Payload Too Large");
    }

    [Fact]
    public async Task A_body_of_64_KB_is_read()
    {
        using var keyFile = new TemporaryKeyFile();
        await using var api = await StartDevelopmentAsync(keyFile);

        var response = await api.Client().PostAsync("/dev/explain", new StringContent(new string('a', BodyLimit)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Headers_unfinished_within_the_configured_timeout_get_408_and_the_connection_closed()
    {
        await using var api = await StartAsync(("Kestrel__Limits__RequestHeadersTimeout", "00:00:01"));
        using var slowloris = new TcpClient();
        await slowloris.ConnectAsync("localhost", api.Port);
        var elapsed = Stopwatch.StartNew();

        await slowloris.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /api/messages/public HTTP/1.1\r\nHost: localhost\r\n"));
        // Kestrel checks timeouts once a second.
        var response = await ReadUntilClosedAsync(slowloris);

        response.Should().NotBeNull("the server should close the connection within 10 s").And.StartWith("HTTP/1.1 408 Request Timeout");
        elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the configured second, not the default, cut the client off");
    }

    [Fact]
    public async Task A_connection_over_the_configured_maximum_is_closed_unanswered()
    {
        await using var api = await StartAsync(("Kestrel__Limits__MaxConcurrentConnections", "1"));
        using var held = await AnsweredConnectionAsync(api.Port);
        using var oneTooMany = new TcpClient();
        await oneTooMany.ConnectAsync("localhost", api.Port);

        var answered = await AnsweredAsync(oneTooMany);

        answered.Should().Be(false, "the server should close a connection over the maximum at once, not answer it or leave it open");
    }

    /// <summary>As Production, trusting an issuer that refuses connections: unlike the Development issuer's key fetches,
    /// nothing but the test connects to the API.</summary>
    private static async Task<ApiProcess> StartAsync(params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = "localhost:1",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        return await ApiProcess.StartAsync(environment);
    }

    /// <summary>As `dotnet run` starts it, for /dev/explain: the one endpoint that reads a body.</summary>
    private static Task<ApiProcess> StartDevelopmentAsync(TemporaryKeyFile keyFile) =>
        ApiProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DevIssuer__KeyFile"] = keyFile.Path });

    /// <summary>A connection whose request was answered, so it holds one of the server's connection slots. The start-up
    /// check's connection may still be counted a moment after it closed: until then, connections are turned away.</summary>
    private static async Task<TcpClient> AnsweredConnectionAsync(int port)
    {
        TcpClient? connection = null;
        await Eventually.Until(async () =>
        {
            connection?.Dispose();
            connection = new TcpClient();
            await connection.ConnectAsync("localhost", port);
            return await AnsweredAsync(connection) == true;
        }, TimeSpan.FromSeconds(30), "no connection was ever answered");
        return connection!;
    }

    /// <summary>True when a request on this connection gets a response; false when the server closes it instead; null
    /// when it does neither within 10 s, so that a test fails saying so rather than erroring with a cancellation.</summary>
    private static async Task<bool?> AnsweredAsync(TcpClient connection)
    {
        var stream = connection.GetStream();
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"), reading.Token);
            var buffer = new byte[16];
            return await stream.ReadAsync(buffer, reading.Token) > 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>All the server sent on this connection until it closed it; null when it did not close it within 10 s.</summary>
    private static async Task<string?> ReadUntilClosedAsync(TcpClient connection)
    {
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await new StreamReader(connection.GetStream()).ReadToEndAsync(reading.Token);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            return null;
        }
    }
}
