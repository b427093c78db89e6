using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

/// <summary>On SIGTERM, keeps the server accepting for <see cref="HostingOptions.ShutdownDelay"/>. The host signals
/// ApplicationStopping (so /readyz answers 503), then runs every StoppingAsync, and only then stops the server.</summary>
internal sealed class DrainDelay(IOptions<HostingOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DrainDelay> logger)
    : IHostedLifecycleService
{
    // Counted once, from the first stop signal: a second stop of the host does not wait again.
    private readonly Lazy<Task> _drain = new(() => Drain(options.Value.ShutdownDelay, time, logger));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _ = _drain.Value);
        return Task.CompletedTask;
    }

    // The host cancels once its own timeout is over; the stop then goes on, and a throw here would be logged as a fault.
    public async Task StoppingAsync(CancellationToken cancellationToken) =>
        await _drain.Value.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private static Task Drain(TimeSpan delay, TimeProvider time, ILogger logger)
    {
        if (delay == TimeSpan.Zero)
            return Task.CompletedTask;
        logger.LogInformation("Shutting down: still serving for {ShutdownDelay} while /readyz answers 503, then finishing in-flight requests.", delay);
        return Task.Delay(delay, time);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
