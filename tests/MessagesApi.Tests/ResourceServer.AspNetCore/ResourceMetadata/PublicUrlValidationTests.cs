using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using ResourceServer.AspNetCore.ResourceMetadata;

namespace MessagesApi.Tests;

/// <summary>PUBLIC_URL is checked at start: a value RFC 9728 clients would reject stops the API with one clear line.</summary>
public sealed class PublicUrlValidationTests
{
    [Theory]
    [InlineData("https://api.example.com")]
    [InlineData("https://example.com/messages-api/")]
    [InlineData("https://api.example.com:8443")]
    public void Https_urls_pass(string publicUrl)
    {
        Validate(publicUrl).Should().BeEmpty();
    }

    [Fact]
    public void Unset_passes()
    {
        Validate(null).Should().BeEmpty();
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("/messages-api")]
    [InlineData("ftp://api.example.com")]
    [InlineData("https://api.example.com/?tenant=a")]
    [InlineData("https://api.example.com/#top")]
    [InlineData("https://user@api.example.com")]
    public void Anything_but_a_plain_http_or_https_url_is_refused(string publicUrl)
    {
        Validate(publicUrl, Environments.Development).Should().ContainSingle()
            .Which.Should().Be($"PUBLIC_URL is '{publicUrl}', which is not a URL clients can call this API at. Use e.g. PUBLIC_URL=https://api.example.com (no query, fragment or user name).");
    }

    [Fact]
    public void Plain_http_is_refused_outside_development()
    {
        Validate("http://api.example.com").Should().ContainSingle().Which.Should().StartWith("PUBLIC_URL 'http://api.example.com' uses plain HTTP");
    }

    [Fact]
    public void Plain_http_is_allowed_in_development()
    {
        Validate("http://localhost:6060", Environments.Development).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_public_url_stops_the_api_at_start_with_one_line_naming_it()
    {
        var run = await ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = "tenant.example.com",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["PUBLIC_URL"] = "http://api.example.com",
        }, ApiProcess.BuildDirectory);

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().StartWith("MessagesApi cannot start: PUBLIC_URL 'http://api.example.com' uses plain HTTP");
    }

    private static IEnumerable<string> Validate(string? publicUrl, string environment = "Production") =>
        new ProtectedResourceOptionsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new ProtectedResourceOptions { PublicUrl = publicUrl }).Failures ?? [];
}
