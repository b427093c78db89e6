using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Debian's redis-server as a real process on a loopback port of its own, keeping nothing on disk: the replay
/// store that API replicas share. Its port stays reserved while it is stopped, so clients configured with it get
/// refused connections until it starts again, and then reconnect.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(1);

    private readonly ReservedPort _port = new();
    private ChildProcess? _process;

    public int Port => _port.Port;

    /// <summary>What the API is configured with: a StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    private ChildProcess Process => _process ?? throw new InvalidOperationException("redis-server is not running.");

    /// <summary>Starts it, empty, and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        _process = ChildProcess.Start(new ProcessStartInfo(Prerequisites.RedisServerPath,
            ["--save", "", "--appendonly", "no", "--port", Port.ToString(), "--bind", "127.0.0.1"]));
        var process = _process;
        try
        {
            await Eventually.Until(async () => process.HasExited || await AnswersPingAsync(), StartLimit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"redis-server did not answer PING within {StartLimit.TotalSeconds} s:\n{process.Output}");
        }
        if (process.HasExited)
            throw new InvalidOperationException($"redis-server exited with {process.ExitCode} before answering PING:\n{process.Output}");
    }

    /// <summary>Kills it by its PID, as a crash would; what it held is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>It keeps its connections open but answers nothing, as a hung or overloaded server does.</summary>
    public void Pause() => Process.Pause();

    public void Resume() => Process.Resume();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _port.Dispose();
    }

    private async Task<bool> AnswersPingAsync()
    {
        using var cancel = new CancellationTokenSource(PingLimit);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancel.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancel.Token);
            var reply = new byte[7];
            await stream.ReadExactlyAsync(reply, cancel.Token);
            return Encoding.ASCII.GetString(reply) == "+PONG\r\n";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
