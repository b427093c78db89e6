using System.Diagnostics;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A command-line form of the built API (`dotnet MessagesApi.dll token`) run to completion, killed with its
/// children when it outlives the timeout.</summary>
public static class ApiCommand
{
    public static async Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(ApiProcess.StartInfo(environment, ApiProcess.BuildDirectory, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not exit within {timeout.TotalSeconds} s.");
        }
        return new CommandResult(process.ExitCode, await output, await error);
    }
}

public sealed record CommandResult(int ExitCode, string Output, string Error);
