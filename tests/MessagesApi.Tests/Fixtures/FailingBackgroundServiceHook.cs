using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>A .NET startup hook: a process started with DOTNET_STARTUP_HOOKS naming this test assembly gains
/// <see cref="FailingBackgroundService"/>, or with <see cref="FailInStartAsync"/> set <see cref="FailingToStartService"/>,
/// so a test can watch the real API meet a failing service. It joins the host as WebApplicationFactory does, through
/// the "HostBuilding" event. The runtime looks for this exact class name in the global namespace.</summary>
internal sealed class StartupHook : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    /// <summary>The environment variable that, set to true, makes the added service fail in StartAsync.</summary>
    public const string FailInStartAsync = "TEST_HOSTED_SERVICE_FAILS_TO_START";

    public static void Initialize() => DiagnosticListener.AllListeners.Subscribe(new StartupHook());

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.Extensions.Hosting")
            listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> hostEvent)
    {
        if (hostEvent is { Key: "HostBuilding", Value: IHostBuilder host })
            host.ConfigureServices(services =>
            {
                if (Environment.GetEnvironmentVariable(FailInStartAsync) == "true")
                    services.AddHostedService<FailingToStartService>();
                else
                    services.AddHostedService<FailingBackgroundService>();
            });
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

/// <summary>Throws once the host has started, as the key refresher did when its interval overflowed a timer.</summary>
internal sealed class FailingBackgroundService(IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string Failure = "The test's background service failed on purpose.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task;
        throw new InvalidOperationException(Failure);
    }
}

/// <summary>Throws from StartAsync, before the host has started.</summary>
internal sealed class FailingToStartService : IHostedService
{
    public const string Failure = "The test's hosted service failed to start on purpose.";

    public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
