namespace MessagesApi.Web;

/// <summary>A background service that throws stops the host (BackgroundServiceExceptionBehavior.StopHost), but the host
/// then returns from its run as after SIGTERM: .NET 10 gives it no exit code (dotnet/runtime#67146), so once the host has
/// stopped, this reads the services' own tasks.</summary>
internal static class BackgroundServiceFailure
{
    /// <summary>1, with an Error naming each failed service, when one failed; 0 otherwise.</summary>
    public static int ExitCode(IServiceProvider services, ILogger logger)
    {
        var exitCode = 0;
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask?.Exception is not { } failure)
                continue;
            logger.LogError("MessagesApi stopped because its background service {Service} failed: {Error} It exits with code 1.",
                service.GetType().Name, failure.GetBaseException().Message);
            exitCode = 1;
        }
        return exitCode;
    }
}
