using System.Diagnostics;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The README's first command, `dotnet run --project src/MessagesApi`, goes through the launch profile: Development
/// when nothing names an environment, and an environment the user names wins. The `token` command tells which it got:
/// it mints only in Development.</summary>
public sealed class LaunchProfileTests : IDisposable
{
    private const string DevelopmentOnly = "The development issuer exists only in Development";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public async Task Dotnet_run_is_development_when_nothing_names_an_environment()
    {
        var run = await DotnetRun([], "token");

        run.ExitCode.Should().Be(0, run.StandardError);
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public async Task An_environment_variable_the_user_sets_wins_over_the_launch_profile(string variable)
    {
        var run = await DotnetRun([(variable, "Production")], "token");

        run.ExitCode.Should().Be(1);
        run.StandardError.Should().Contain(DevelopmentOnly);
    }

    [Fact]
    public async Task The_environment_argument_wins_over_the_launch_profile()
    {
        var run = await DotnetRun([], "token", "--environment", "Production");

        run.ExitCode.Should().Be(1);
        run.StandardError.Should().Contain(DevelopmentOnly);
    }

    /// <summary>`dotnet run` on the build the tests run against (--no-build: the test run already built it), with none of
    /// the test run's own environment settings.</summary>
    private Task<CommandResult> DotnetRun((string Name, string Value)[] environment, params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            ArgumentList = { "run", "--no-build", "-c", configuration, "--project", Path.Combine("src", "MessagesApi"), "--" },
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AUTH0_DOMAIN", "AUTH0_AUDIENCE", "PORT", "ASPNETCORE_URLS" })
            start.Environment.Remove(name);
        start.Environment["DevIssuer__KeyFile"] = _keyFile.Path;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return ChildProcess.RunAsync(start, Limit);
    }

    public void Dispose() => _keyFile.Dispose();
}
