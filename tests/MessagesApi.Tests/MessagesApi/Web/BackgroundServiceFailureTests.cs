using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class BackgroundServiceFailureTests
{
    [Fact]
    public async Task A_failing_background_service_ends_the_process_with_exit_code_1_and_an_error_naming_it()
    {
        using var port = new ReservedPort();

        var run = await ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = "tenant.example.com",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["PORT"] = port.Port.ToString(),
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
        }, ApiProcess.BuildDirectory);

        run.ExitCode.Should().Be(1, run.StandardOutput);
        LogEntries(run.StandardOutput).Should().Contain(entry =>
            entry.GetProperty("LogLevel").GetString() == "Error" && entry.GetProperty("Category").GetString() == "MessagesApi"
            && entry.GetProperty("Message").GetString()!.Contains($"{nameof(FailingBackgroundService)} failed: {FailingBackgroundService.Failure}"));
    }

    private static IEnumerable<JsonElement> LogEntries(string output) =>
        output.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement);
}
