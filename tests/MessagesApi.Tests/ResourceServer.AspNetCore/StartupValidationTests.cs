using MessagesApi.Web;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests;

public sealed class StartupValidationTests
{
    private static Auth0Options Valid() => new() { Domain = "tenant.example", Audience = "https://api.example" };

    [Fact]
    public void Valid_settings_pass()
    {
        Validate(Valid()).Should().BeEmpty();
    }

    [Fact]
    public void Missing_domain_names_AUTH0_DOMAIN_and_how_to_set_it()
    {
        var options = Valid();
        options.Domain = null;

        Validate(options).Should().ContainSingle().Which.Should().Be(
            "AUTH0_DOMAIN is not set. Set it to your Auth0 tenant domain, e.g. AUTH0_DOMAIN=dev-abc123.us.auth0.com.");
    }

    [Fact]
    public void Missing_audience_names_AUTH0_AUDIENCE()
    {
        var options = Valid();
        options.Audience = " ";

        Validate(options).Should().ContainSingle().Which.Should().StartWith("AUTH0_AUDIENCE is not set.");
    }

    [Fact]
    public void Plain_http_issuer_is_refused_outside_development()
    {
        var options = Valid();
        options.Domain = "http://tenant.example";

        Validate(options).Should().ContainSingle().Which.Should().Contain("uses plain HTTP");
    }

    [Fact]
    public void Plain_http_issuer_is_allowed_in_development()
    {
        var options = Valid();
        options.Domain = "http://localhost:6060/dev-issuer/";

        Validate(options, Environments.Development).Should().BeEmpty();
    }

    [Fact]
    public void Clock_skew_over_two_minutes_is_refused_outside_development()
    {
        var options = Valid();
        options.ClockSkew = TimeSpan.FromMinutes(5);

        Validate(options).Should().ContainSingle().Which.Should().StartWith("Auth0:ClockSkew is 00:05:00; use a time from 00:00:00 to 00:02:00");
    }

    [Fact]
    public void Clock_skew_of_five_minutes_is_allowed_in_development()
    {
        var options = Valid();
        options.ClockSkew = TimeSpan.FromMinutes(5);

        Validate(options, Environments.Development).Should().BeEmpty();
    }

    [Fact]
    public void Clock_skew_over_five_minutes_is_refused_in_development_too()
    {
        var options = Valid();
        options.ClockSkew = TimeSpan.FromMinutes(6);

        Validate(options, Environments.Development).Should().ContainSingle().Which.Should().StartWith("Auth0:ClockSkew is 00:06:00; use a time from 00:00:00 to 00:05:00");
    }

    [Fact]
    public void A_time_out_of_range_names_the_setting_its_range_and_an_example()
    {
        var options = Valid();
        options.KeyRefreshInterval = TimeSpan.FromDays(60);

        Validate(options).Should().ContainSingle().Which.Should().Be(
            "Auth0:KeyRefreshInterval is 60.00:00:00; use a time from 00:00:01 to 1.00:00:00, e.g. Auth0__KeyRefreshInterval=00:10:00.");
    }

    [Fact]
    public void A_fraction_of_a_second_reads_without_trailing_zeros()
    {
        var options = Valid();
        options.OnDemandRefreshThrottle = TimeSpan.FromMilliseconds(50);

        Validate(options).Should().ContainSingle().Which.Should().StartWith("Auth0:OnDemandRefreshThrottle is 00:00:00.05; use a time from 00:00:00.1 to 00:10:00");
    }

    [Fact]
    public void A_domain_and_its_issuer_url_are_one_issuer_listed_twice()
    {
        var options = Valid();
        options.Domain = "tenant.example.com, https://tenant.example.com/";

        Validate(options).Should().ContainSingle().Which.Should().Be(
            "AUTH0_DOMAIN names the issuer https://tenant.example.com/ more than once (a domain and its https:// URL are the same issuer). List each issuer once.");
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public void Shared_secret_or_no_algorithm_is_refused(string algorithm)
    {
        var options = Valid();
        options.Algorithms = ["RS256", algorithm];

        Validate(options, Environments.Development).Should().ContainSingle().Which.Should().Contain("Only asymmetric algorithms");
    }

    [Fact]
    public void Non_positive_refresh_interval_is_refused()
    {
        var options = Valid();
        options.KeyRefreshInterval = TimeSpan.Zero;

        Validate(options).Should().ContainSingle().Which.Should().Contain("Auth0:KeyRefreshInterval");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void Port_out_of_range_is_refused(int port)
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { Port = port });

        result.Failures.Should().ContainSingle().Which.Should().StartWith($"PORT is {port}");
    }

    [Fact]
    public void Client_origin_that_is_not_an_origin_is_refused()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { ClientOriginUrl = "http://ok.example, not-a-url" });

        result.Failures.Should().ContainSingle().Which.Should().StartWith("CLIENT_ORIGIN_URL contains 'not-a-url'");
    }

    [Fact]
    public void Several_client_origins_are_accepted()
    {
        var options = new HostingOptions { ClientOriginUrl = "http://localhost:4040, https://app.example/" };

        new HostingOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.ClientOrigins.Should().Equal("http://localhost:4040", "https://app.example");
    }

    [Fact]
    public void Shutdown_timeout_over_ten_minutes_is_refused()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { ShutdownTimeout = TimeSpan.FromMinutes(11) });

        result.Failures.Should().ContainSingle().Which.Should().StartWith("ShutdownTimeout is 00:11:00; use a time from 00:00:00 to 00:10:00");
    }

    [Fact]
    public void Shutdown_delay_over_five_minutes_is_refused()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { ShutdownDelay = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1) });

        result.Failures.Should().ContainSingle().Which.Should().Be("ShutdownDelay is 00:05:01; use a time from 00:00:00 to 00:05:00, e.g. ShutdownDelay=00:00:05.");
    }

    [Fact]
    public void Shutdown_delay_of_five_minutes_is_accepted()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { ShutdownDelay = TimeSpan.FromMinutes(5) });

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Zero_concurrent_connections_is_refused_saying_how_to_have_no_limit()
    {
        var result = new KestrelLimitsOptionsValidator().Validate(null, new KestrelLimitsOptions { MaxConcurrentConnections = 0 });

        result.Failures.Should().ContainSingle().Which.Should().Be(
            "Kestrel:Limits:MaxConcurrentConnections is 0; use a number of at least 1, or leave it unset for no limit.");
    }

    [Fact]
    public void A_request_headers_timeout_under_a_second_is_refused()
    {
        var result = new KestrelLimitsOptionsValidator().Validate(null, new KestrelLimitsOptions { RequestHeadersTimeout = TimeSpan.FromMilliseconds(500) });

        result.Failures.Should().ContainSingle().Which.Should().Be(
            "Kestrel:Limits:RequestHeadersTimeout is 00:00:00.5; use a time from 00:00:01 to 00:05:00, e.g. Kestrel__Limits__RequestHeadersTimeout=00:00:10.");
    }

    [Fact]
    public void An_audience_claim_other_than_aud_or_client_id_is_refused()
    {
        var options = Valid();
        options.AudienceClaim = "azp";

        Validate(options).Should().ContainSingle().Which.Should().Be("Auth0:AudienceClaim is 'azp'; use aud (the default) or client_id (Amazon Cognito).");
    }

    [Theory]
    [InlineData("realm_access..roles")]
    [InlineData(".roles")]
    [InlineData("realm_access.")]
    [InlineData("")]
    [InlineData("/realm_access/~2")]
    public void A_permission_claim_that_is_a_dotted_path_empty_or_a_broken_pointer_is_refused(string path)
    {
        var options = Valid();
        options.PermissionClaims = [path];

        Validate(options).Should().ContainSingle().Which.Should().StartWith($"Auth0:PermissionClaims contains '{path}'");
    }

    [Fact]
    public void Bare_domains_become_auth0_issuers_with_a_trailing_slash()
    {
        Auth0Options.ParseIssuers("tenant.us.auth0.com, login.example.com/").Should().Equal("https://tenant.us.auth0.com/", "https://login.example.com/");
    }

    [Fact]
    public void Full_issuer_urls_are_kept_exactly_as_written()
    {
        Auth0Options.ParseIssuers("https://idp.example/realms/demo,https://tenant.example/")
            .Should().Equal("https://idp.example/realms/demo", "https://tenant.example/");
    }

    private static IEnumerable<string> Validate(Auth0Options options, string environment = "Production") =>
        new Auth0OptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options).Failures ?? [];
}
