using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The `token` command as a newcomer types it: a misspelt option or a bad lifetime is refused in one line,
/// never answered with a token that lacks what was asked for, nor with a stack trace.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public async Task Prints_a_token_with_the_permission_asked_for()
    {
        var run = await Token("--permission", "read:admin-messages", "--lifetime", "120");

        run.ExitCode.Should().Be(0, run.StandardError);
        new JsonWebToken(run.StandardOutput.Trim()).GetPayloadValue<List<string>>("permissions").Should().Equal("read:admin-messages");
    }

    [Fact]
    public async Task An_unknown_option_is_refused_naming_the_accepted_ones()
    {
        var run = await Token("--permissions", "read:admin-messages");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("Unknown parameter '--permissions'; use --permission (repeatable), --sub, --lifetime.");
        run.StandardOutput.Should().BeEmpty();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("99999999999")]
    public async Task A_bad_lifetime_is_refused_in_one_line(string lifetime)
    {
        var run = await Token("--lifetime", lifetime);

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("--lifetime is in seconds, from 1 to 86400.");
    }

    [Fact]
    public async Task An_option_without_a_value_is_refused()
    {
        var run = await Token("--permission");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("Expected --name value pairs, found '--permission'.");
    }

    private Task<CommandResult> Token(params string[] options) =>
        ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile.Path,
        }, ApiProcess.BuildDirectory, ["token", .. options]);

    public void Dispose() => _keyFile.Dispose();
}
