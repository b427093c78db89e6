using System.Diagnostics;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The processes tests start die with the test run, however it ends: an API or a provider left behind by a
/// killed run holds ports and memory on a shared machine and confuses whoever looks next.</summary>
public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_child_and_its_own_children_die_when_the_test_run_that_started_them_is_killed()
    {
        // Stands in for a test run: starts a child through the launcher, as the fixtures do, and that child starts one
        // of its own; both print their PIDs.
        await using var testRun = ChildProcess.Start(new ProcessStartInfo("bash",
            ["-c", """bash "$0" $$ bash -c 'sleep 600 & echo $$ $!; wait' & wait""", ChildProcess.Launcher]));
        await Eventually.Until(() => testRun.StandardOutput.Length > 0, TimeSpan.FromSeconds(10), "the stand-in test run printed no PIDs");
        var descendants = testRun.StandardOutput.Split(' ').Select(int.Parse).ToArray();

        try
        {
            testRun.Kill();

            await Eventually.Until(() => !descendants.Any(IsRunning), TimeSpan.FromSeconds(10),
                $"the child ({descendants[0]}) or its own child ({descendants[1]}) outlived the test run that started them");
        }
        finally
        {
            foreach (var pid in descendants.Where(IsRunning))
                Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public async Task Waiting_past_the_limit_kills_the_command_and_its_children_and_fails_with_their_output()
    {
        await using var command = ChildProcess.Start(new ProcessStartInfo("bash", ["-c", "sleep 600 & echo $!; wait"]));
        await Eventually.Until(() => command.StandardOutput.Length > 0, TimeSpan.FromSeconds(10), "the command printed no PID");
        var child = int.Parse(command.StandardOutput);

        var waiting = () => command.WaitForExitAsync(TimeSpan.FromMilliseconds(100));

        (await waiting.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain(child.ToString());
        await Eventually.Until(() => !IsRunning(child), TimeSpan.FromSeconds(10), $"the command's child ({child}) outlived the timeout");
    }

    /// <summary>A zombie has exited; it only waits for its new parent to collect its exit code.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
