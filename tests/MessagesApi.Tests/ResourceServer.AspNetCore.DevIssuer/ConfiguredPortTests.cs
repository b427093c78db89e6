using Microsoft.Extensions.Configuration;
using ResourceServer.AspNetCore.DevIssuer;

namespace MessagesApi.Tests;

/// <summary>The port the development issuer names when the app does not give one: where ASP.NET Core's own settings
/// make Kestrel listen.</summary>
public sealed class ConfiguredPortTests
{
    [Theory]
    [InlineData("http://localhost:5123", 5123)]
    [InlineData("http://127.0.0.1:5123/", 5123)]
    [InlineData("http://*:5123", 5123)]
    [InlineData("http://+:5123", 5123)]
    [InlineData("http://[::1]:5123", 5123)]
    [InlineData("https://localhost:7001;http://localhost:5123", 5123)]
    [InlineData("http://localhost", 80)]
    [InlineData("http://[::1]", 80)]
    public void The_first_http_url_of_urls_names_it(string urls, int port) =>
        ConfiguredPort.Of(Configuration(("urls", urls))).Should().Be(port);

    [Fact]
    public void Without_an_http_url_the_first_of_http_ports_names_it() =>
        ConfiguredPort.Of(Configuration(("urls", "https://localhost:7001"), ("http_ports", "8080;8081"))).Should().Be(8080);

    [Fact]
    public void Without_either_it_is_kestrels_default() =>
        ConfiguredPort.Of(Configuration()).Should().Be(5000);

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
