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

    [Fact]
    public async Task Cert_binds_the_token_to_the_certificate_in_the_file()
    {
        var certificate = PresentedCertificate.SelfSigned();
        var file = Path.ChangeExtension(_keyFile.Path, ".client.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, certificate.ExportCertificatePem());

        var run = await Token("--cert", file);

        run.ExitCode.Should().Be(0, run.StandardError);
        new JsonWebToken(run.StandardOutput.Trim()).GetPayloadValue<System.Text.Json.JsonElement>("cnf").GetProperty("x5t#S256").GetString()
            .Should().Be(PresentedCertificate.Thumbprint(certificate));
    }

    [Fact]
    public async Task Cert_naming_no_file_is_refused_in_one_line()
    {
        var run = await Token("--cert", "/nonexistent/client.pem");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("--cert /nonexistent/client.pem: no such file as /nonexistent/client.pem; give the client certificate's PEM or DER file by its full path.");
    }

    [Fact]
    public async Task A_token_is_bound_by_dpop_or_by_a_certificate_never_both()
    {
        var run = await Token("--dpop", "--cert", "/nonexistent/client.pem");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("A token is bound to one thing: give --dpop or --cert, not both.");
    }

    private Task<CommandResult> Token(params string[] options) =>
        ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile.Path,
        }, ApiProcess.BuildDirectory, ["token", .. options]);

    public void Dispose() => _keyFile.Dispose();
}
