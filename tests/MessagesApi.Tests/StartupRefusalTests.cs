using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The real process refuses settings it cannot honour before it starts: exit code 1 and one line on stderr
/// naming the setting, never a stack trace.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task A_duplicate_issuer_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("AUTH0_DOMAIN", "tenant.example.com,https://tenant.example.com/"));

        ShouldBeRefusedWithOneLine(run, "https://tenant.example.com/");
    }

    [Fact]
    public async Task A_key_refresh_interval_beyond_a_day_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("Auth0__KeyRefreshInterval", "60.00:00:00"));

        ShouldBeRefusedWithOneLine(run, "Auth0:KeyRefreshInterval");
    }

    [Fact]
    public async Task A_negative_shutdown_timeout_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("ShutdownTimeout", "-00:00:05"));

        ShouldBeRefusedWithOneLine(run, "ShutdownTimeout");
    }

    [Fact]
    public async Task A_negative_shutdown_delay_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("ShutdownDelay", "-00:00:05"));

        ShouldBeRefusedWithOneLine(run, "ShutdownDelay");
    }

    [Fact]
    public async Task A_kestrel_limit_out_of_range_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("Kestrel__Limits__KeepAliveTimeout", "00:00:00"));

        ShouldBeRefusedWithOneLine(run, "Kestrel:Limits:KeepAliveTimeout");
    }

    [Fact]
    public async Task A_kestrel_limit_that_does_not_parse_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("Kestrel__Limits__MaxRequestBodySize", "64KB"));

        ShouldBeRefusedWithOneLine(run, "Kestrel:Limits:MaxRequestBodySize");
    }

    [Fact]
    public async Task A_port_out_of_range_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("PORT", "70000"));

        ShouldBeRefusedWithOneLine(run, "PORT is 70000");
    }

    [Fact]
    public async Task A_development_token_lifetime_out_of_range_is_refused_with_one_line_naming_it()
    {
        using var keyFile = new TemporaryKeyFile();

        var run = await Start(("ASPNETCORE_ENVIRONMENT", "Development"), ("AUTH0_DOMAIN", ""), ("DevIssuer__KeyFile", keyFile.Path),
            ("DevIssuer__DefaultTokenLifetime", "-01:00:00"));

        ShouldBeRefusedWithOneLine(run, "DevIssuer:DefaultTokenLifetime");
    }

    [Fact]
    public async Task A_setting_out_of_range_is_refused_with_one_line_when_swagger_offers_the_oauth_flow()
    {
        var run = await Start(("ASPNETCORE_ENVIRONMENT", "Development"), ("Swagger__OAuthClientId", "swagger-ui"), ("Auth0__KeyRefreshInterval", "00:00:00"));

        ShouldBeRefusedWithOneLine(run, "Auth0:KeyRefreshInterval");
    }

    [Fact]
    public async Task A_time_that_does_not_parse_is_refused_with_one_line_naming_it()
    {
        var run = await Start(("Auth0__ClockSkew", "thirty seconds"));

        ShouldBeRefusedWithOneLine(run, "Auth0:ClockSkew");
    }

    private static async Task<CommandResult> Start(params (string Name, string Value)[] settings)
    {
        // Reserved, so that a process that wrongly starts cannot take a port another test uses.
        using var port = new ReservedPort();
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = "tenant.example.com",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["PORT"] = port.Port.ToString(),
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        return await ApiProcess.RunAsync(environment, ApiProcess.BuildDirectory);
    }

    private static void ShouldBeRefusedWithOneLine(CommandResult run, string naming)
    {
        run.ExitCode.Should().Be(1, run.StandardError);
        run.StandardError.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("MessagesApi cannot start:").And.Contain(naming);
        (run.StandardError + run.StandardOutput).Should().NotContain("   at ");
    }
}
