using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>--help and -h, on the server and on every command: the usage on stdout and exit code 0, with nothing started,
/// minted or rotated, in any environment.</summary>
public sealed class CommandLineHelpTests : IDisposable
{
    private readonly TemporaryKeyFile _keyFile = new();

    [Theory]
    [InlineData("token", "--help")]
    [InlineData("token", "-h")]
    [InlineData("dpop-proof", "--help")]
    [InlineData("rotate-dev-key", "--help")]
    [InlineData("healthcheck", "--help")]
    [InlineData("healthcheck", "-h")]
    public async Task A_command_prints_its_usage_and_exits_0(string command, string help)
    {
        var run = await Run("Production", command, help);

        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().StartWith("Usage: ").And.Contain($" {command}");
        run.StandardError.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task The_server_prints_its_usage_and_exits_0_without_starting(string help)
    {
        var run = await Run("Production", help);

        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().StartWith("Usage: ").And.Contain("token").And.Contain("healthcheck").And.NotContain("Now listening");
    }

    [Fact]
    public async Task Rotate_dev_key_help_rotates_nothing()
    {
        var run = await Run("Development", "rotate-dev-key", "--help");

        run.ExitCode.Should().Be(0, run.StandardError);
        File.Exists(_keyFile.Path).Should().BeFalse("asking for help creates no key");
    }

    private Task<CommandResult> Run(string environment, params string[] arguments) =>
        ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DevIssuer__KeyFile"] = _keyFile.Path,
        }, ApiProcess.BuildDirectory, arguments);

    public void Dispose() => _keyFile.Dispose();
}
