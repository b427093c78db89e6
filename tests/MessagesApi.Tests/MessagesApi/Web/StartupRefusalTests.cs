using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task Two_bad_settings_are_refused_together_in_one_line()
    {
        var run = await Start(("PORT", "99999"), ("Auth0__ClockSkew", "10"));

        ShouldBeRefusedWithOneLine(run, "PORT is 99999");
        run.StandardError.Should().Contain("Auth0:ClockSkew is 10.00:00:00");
    }

    [Theory]
    [InlineData("Swagger__Enabled", "maybe", "Swagger:Enabled")]
    [InlineData("Observability__RejectionLog__LinesPerInterval", "many", "Observability:RejectionLog:LinesPerInterval")]
    [InlineData("Clients__FailureBudget__Burst", "lots", "Clients:FailureBudget:Burst")]
    public async Task A_value_that_does_not_parse_is_refused_with_one_line_naming_it_whatever_its_section(string name, string value, string naming)
    {
        var run = await Start((name, value));

        ShouldBeRefusedWithOneLine(run, naming);
    }

    [Fact]
    public async Task A_development_issuer_setting_that_does_not_parse_is_refused_with_one_line_naming_it()
    {
        using var keyFile = new TemporaryKeyFile();

        var run = await Start(("ASPNETCORE_ENVIRONMENT", "Development"), ("AUTH0_DOMAIN", ""), ("DevIssuer__KeyFile", keyFile.Path),
            ("DevIssuer__DefaultTokenLifetime", "an hour"));

        ShouldBeRefusedWithOneLine(run, "DevIssuer:DefaultTokenLifetime");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task A_port_another_process_listens_on_is_refused_with_one_line_naming_PORT_and_the_port(string environment)
    {
        using var keyFile = new TemporaryKeyFile();
        using var taken = new TcpListener(IPAddress.IPv6Any, 0);
        taken.Server.DualMode = true;
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Start(("ASPNETCORE_ENVIRONMENT", environment), ("DevIssuer__KeyFile", keyFile.Path), ("PORT", port.ToString()));

        ShouldBeRefusedWithOneLine(run, $"PORT is {port}, and another process already listens on it");
    }

    [Fact]
    public async Task A_kestrel_endpoint_another_process_listens_on_is_refused_with_one_line_naming_that_address_not_PORT()
    {
        using var taken = new TcpListener(IPAddress.IPv6Any, 0);
        taken.Server.DualMode = true;
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Start(("Kestrel__Endpoints__Extra__Url", $"http://127.0.0.1:{port}"));

        ShouldBeRefusedWithOneLine(run, $"http://127.0.0.1:{port}: address already in use");
        run.StandardError.Should().NotContain("PORT is");
    }

    [Fact]
    public async Task An_address_kestrel_cannot_listen_on_is_refused_with_one_line()
    {
        using var port = new ReservedPort();

        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no machine has that address.
        var run = await Start(("Kestrel__Endpoints__Extra__Url", $"http://192.0.2.1:{port.Port}"));

        ShouldBeRefusedWithOneLine(run, "Kestrel cannot listen");
    }

    [Fact]
    public async Task A_hosted_service_failing_to_start_is_refused_with_one_line_naming_its_error()
    {
        var run = await Start(("DOTNET_STARTUP_HOOKS", typeof(StartupHook).Assembly.Location), (StartupHook.FailInStartAsync, "true"));

        ShouldBeRefusedWithOneLine(run, FailingToStartService.Failure);
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://+:5000", "ASPNETCORE_URLS (or --urls) is 'http://+:5000', but this API listens on PORT alone")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "8080", "ASPNETCORE_HTTP_PORTS is '8080', but this API listens on PORT alone: unset it and set PORT, e.g. PORT=8080.")]
    [InlineData("ASPNETCORE_HTTPS_PORTS", "8443", "ASPNETCORE_HTTPS_PORTS is '8443'")]
    public async Task An_aspnetcore_address_setting_is_refused_with_one_line_saying_to_use_PORT(string name, string value, string naming)
    {
        var run = await Start((name, value));

        ShouldBeRefusedWithOneLine(run, naming);
    }

    [Fact]
    public async Task The_urls_argument_is_refused_with_one_line_saying_to_use_PORT()
    {
        var run = await Start(["--urls", "http://localhost:5000"]);

        ShouldBeRefusedWithOneLine(run, "(or --urls) is 'http://localhost:5000', but this API listens on PORT alone");
    }

    private static Task<CommandResult> Start(params (string Name, string Value)[] settings) => Start([], settings);

    private static async Task<CommandResult> Start(string[] arguments, params (string Name, string Value)[] settings)
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
        return await ApiProcess.RunAsync(environment, ApiProcess.BuildDirectory, arguments);
    }

    private static void ShouldBeRefusedWithOneLine(CommandResult run, string naming)
    {
        run.ExitCode.Should().Be(1, run.StandardError);
        run.StandardError.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("MessagesApi cannot start:").And.Contain(naming);
        (run.StandardError + run.StandardOutput).Should().NotContain("   at ");
    }
}
