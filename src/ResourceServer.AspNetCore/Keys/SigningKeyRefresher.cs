using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>Fetches every issuer's keys at start-up and then ahead of time, so no request waits on a scheduled refresh.</summary>
internal sealed class SigningKeyRefresher(IssuerKeyStore store, IOptions<Auth0Options> options, TimeProvider time, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    // After a failure, try again soon rather than waiting a whole interval with stale or no keys.
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start once the server listens: the development issuer is this very process.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetResult()))
            await started.Task;
        await Task.WhenAll(store.Issuers.Select(issuer => KeepFreshAsync(issuer, stoppingToken)));
    }

    private async Task KeepFreshAsync(IssuerSigningKeys issuer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var refreshed = await issuer.RefreshAsync();
            // At most a day (validated at start), well inside the ~49.7 days past which Task.Delay throws.
            var wait = refreshed ? options.Value.KeyRefreshInterval : Min(RetryAfterFailure, options.Value.KeyRefreshInterval);
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
