using System.Net;
using StackExchange.Redis;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The one connection to Redis that every DPoP request of this process shares. It connects in the background
/// and reconnects by itself, so the API starts while Redis is down and needs no restart once Redis is back; while it is
/// down, every command fails at once.</summary>
internal sealed class DpopRedisConnection : IAsyncDisposable
{
    /// <summary>How long a request waits on Redis, connecting included, before it is refused. A SET on a healthy Redis
    /// takes about a millisecond; waiting longer only holds the request (and its client) while Redis hangs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly Task<ConnectionMultiplexer> _connection;

    public DpopRedisConnection(string configuration)
    {
        var options = Options(configuration);
        Endpoints = string.Join(", ", options.EndPoints.Select(HostAndPort));
        _connection = ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Where Redis is, as host:port, without the password the configuration string may hold.</summary>
    public string Endpoints { get; }

    /// <summary>A StackExchange.Redis configuration string, with what a replay store needs whatever it says: connecting in
    /// the background (abortConnect=false), a command refused at once while disconnected rather than queued, and
    /// <see cref="Timeout"/> to connect and for each command. Throws <see cref="ArgumentException"/> when the string
    /// does not parse.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.SetDefaultPorts();
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = options.SyncTimeout = options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        return options;
    }

    /// <summary>Runs a command, waiting for the connection first, and throws <see cref="TimeoutException"/> when both take
    /// longer than <see cref="Timeout"/>; Redis's own failures are thrown as they are.</summary>
    public Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken) =>
        RunConnectedAsync(command).WaitAsync(Timeout, cancellationToken);

    public async ValueTask DisposeAsync() => await (await _connection).DisposeAsync();

    private async Task<T> RunConnectedAsync<T>(Func<IDatabase, Task<T>> command) =>
        await command((await _connection).GetDatabase());

    private static string HostAndPort(EndPoint endpoint) =>
        endpoint is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : endpoint.ToString() ?? "";
}
