using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>In Development with AUTH0_DOMAIN (or Auth0:Domain) set the API trusts that issuer only: the development issuer stays off,
/// serves nothing and creates no key file.</summary>
public sealed class DevelopmentIssuerWithAuth0DomainTests : IDisposable
{
    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public async Task Dev_token_and_dev_issuer_discovery_are_404_and_no_key_file_is_created()
    {
        await using var api = new ApiFactory { Environment = "Development" }.WithSetting("DevIssuer:KeyFile", _keyFile.Path);
        using var client = api.CreateClient();

        var token = await client.GetAsync("/dev/token");
        var discovery = await client.GetAsync("/dev-issuer/.well-known/openid-configuration");

        new[] { token.StatusCode, discovery.StatusCode }.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        File.Exists(_keyFile.Path).Should().BeFalse();
    }

    [Fact]
    public async Task An_issuer_set_as_Auth0_Domain_with_AUTH0_DOMAIN_blank_keeps_the_development_issuer_off_and_is_trusted()
    {
        await using var api = new ApiFactory { Environment = "Development" }.WithSetting("DevIssuer:KeyFile", _keyFile.Path).WithSetting("AUTH0_DOMAIN", " ");
        api.WithSetting("Auth0:Domain", api.Issuer.Issuer);

        var discovery = await api.CreateClient().GetAsync("/dev-issuer/.well-known/openid-configuration");
        var protectedMessage = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        new[] { discovery.StatusCode, protectedMessage.StatusCode }.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_development_token_is_for_the_audience_set_as_Auth0_Audience_with_AUTH0_AUDIENCE_blank()
    {
        await using var api = new DevelopmentApiFactory();
        using var configured = api.WithWebHostBuilder(builder => builder.UseSetting("AUTH0_AUDIENCE", "").UseSetting("Auth0:Audience", "https://configured.example.com"));

        var body = await configured.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token");

        new JsonWebToken(body.GetProperty("access_token").GetString()).Audiences.Should().Equal("https://configured.example.com");
    }

    [Fact]
    public async Task Token_command_exits_1_saying_where_to_get_tokens_and_creates_no_key_file()
    {
        var run = await ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AUTH0_DOMAIN"] = "https://tenant.example.com/",
            ["DevIssuer__KeyFile"] = _keyFile.Path,
        }, ApiProcess.BuildDirectory, "token");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("The development issuer exists only in Development with AUTH0_DOMAIN unset; get tokens from your issuer instead.");
        run.StandardOutput.Should().BeEmpty();
        File.Exists(_keyFile.Path).Should().BeFalse();
    }

    public void Dispose() => _keyFile.Dispose();
}
