using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A process a test starts: through child-process.sh, so that neither it nor its own children can outlive the
/// test run, with its output captured for the test and for failure messages. Every wait on it is bounded.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int Sigterm = 15;
    private const int Sigcont = 18;
    private const int Sigstop = 19;

    // A SIGKILLed process is gone at once; this only bounds the wait for the end of its output.
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly ConcurrentQueue<(bool IsError, string Line)> _lines = new();

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue((false, e.Data)); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue((true, e.Data)); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Launcher { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "child-process.sh");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Both streams, in the order the lines arrived.</summary>
    public string Output => string.Join('\n', _lines.Select(line => line.Line));

    public string StandardOutput => string.Join('\n', _lines.Where(line => !line.IsError).Select(line => line.Line));

    public string StandardError => string.Join('\n', _lines.Where(line => line.IsError).Select(line => line.Line));

    /// <summary>Starts the command (program, arguments, working directory and environment) through the launcher.</summary>
    public static ChildProcess Start(ProcessStartInfo command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = command.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Launcher, Environment.ProcessId.ToString(), command.FileName }.Concat(command.ArgumentList))
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in command.Environment)
            start.Environment[name] = value;
        var commandLine = string.Join(' ', command.ArgumentList.Prepend(command.FileName));
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {commandLine}."), commandLine);
    }

    /// <summary>Runs the command to completion, or fails with its output so far once it runs past the limit.</summary>
    public static async Task<CommandResult> RunAsync(ProcessStartInfo command, TimeSpan limit)
    {
        await using var child = Start(command);
        var exitCode = await child.WaitForExitAsync(limit);
        return new CommandResult(exitCode, child.StandardOutput, child.StandardError);
    }

    /// <summary>Runs the command to completion as <see cref="RunAsync"/> does, and fails with its output unless it exits 0.</summary>
    public static async Task<CommandResult> RunToSuccessAsync(ProcessStartInfo command, TimeSpan limit)
    {
        var run = await RunAsync(command, limit);
        run.ExitCode.Should().Be(0, $"`{string.Join(' ', command.ArgumentList.Prepend(command.FileName))}` failed:\n{run.StandardOutput}\n{run.StandardError}");
        return run;
    }

    /// <summary>Waits for the exit and the end of the output; past the limit, kills the process tree and fails with the
    /// output so far.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillTreeAsync();
            throw new TimeoutException($"`{_commandLine}` did not exit within {limit.TotalSeconds} s; killed. Its output:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes and `docker stop` send it.</summary>
    public void Terminate() => Signal(Sigterm, "SIGTERM");

    /// <summary>SIGSTOP: the process keeps its sockets open but answers nothing, as a hung server does.</summary>
    public void Pause() => Signal(Sigstop, "SIGSTOP");

    /// <summary>SIGCONT: a paused process goes on where it stopped.</summary>
    public void Resume() => Signal(Sigcont, "SIGCONT");

    /// <summary>SIGKILL to this process alone, its children left as they are: a test run that dies without cleaning up.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillTreeAsync();
        _process.Dispose();
    }

    private async Task KillTreeAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var cancel = new CancellationTokenSource(KillLimit);
        await _process.WaitForExitAsync(cancel.Token);
    }

    private void Signal(int signal, string name)
    {
        if (kill(_process.Id, signal) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Could not send {name} to `{_commandLine}`.");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
