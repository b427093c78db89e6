using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The library as a new user meets it: a fresh <c>dotnet new web</c> project adds the packed packages from a
/// local feed, takes the README's <c>Program.cs</c>, and runs as a real process on its development issuer or trusting
/// npm's oidc-provider over HTTPS, or publishes Native AOT.</summary>
public sealed class ConsumerProjectTests(ConsumerProject project) : IClassFixture<ConsumerProject>, IAsyncLifetime
{
    private const string Permission = "read:admin-messages";

    private readonly TestCertificateAuthority _ca = new();
    private readonly System.Security.Cryptography.RSA _providerKey = OidcProviderProcess.NewKey();
    private readonly ReservedPort _port = new();
    private readonly TemporaryKeyFile _devKeys = new();
    private OidcProviderProcess? _provider;
    private ChildProcess? _process;

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Without_a_token_a_protected_endpoint_answers_401_with_a_bearer_challenge()
    {
        var client = await StartTrustingTheProviderAsync();

        var response = await client.GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(challenge => challenge.Scheme).Should().Contain("Bearer");
    }

    [ProviderFact]
    public async Task A_token_from_the_trusted_issuer_reaches_a_protected_endpoint()
    {
        var client = await StartTrustingTheProviderAsync();
        var token = _provider!.SignerWith(_providerKey).Token().Build();

        var response = await GetAsync(client, "/api/messages/protected", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The API successfully validated your access token.");
    }

    [ProviderFact]
    public async Task A_token_without_the_permission_gets_403_naming_it()
    {
        var client = await StartTrustingTheProviderAsync();
        var token = _provider!.SignerWith(_providerKey).Token().Build();

        var response = await GetAsync(client, "/api/messages/admin", token);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("insufficient_scope").And.Contain(Permission);
    }

    [ProviderFact]
    public async Task A_token_with_the_permission_reaches_the_endpoint_that_requires_it()
    {
        var client = await StartTrustingTheProviderAsync();
        var token = _provider!.SignerWith(_providerKey).Token().WithPermissions(Permission).Build();

        var response = await GetAsync(client, "/api/messages/admin", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_development_a_token_from_its_development_issuer_reaches_a_protected_endpoint()
    {
        var client = await StartOnTheDevelopmentIssuerAsync();

        var response = await GetAsync(client, "/api/messages/protected", await DevelopmentTokenAsync(client, ""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_development_a_development_token_without_the_permission_gets_403()
    {
        var client = await StartOnTheDevelopmentIssuerAsync();

        var response = await GetAsync(client, "/api/messages/admin", await DevelopmentTokenAsync(client, ""));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task In_development_a_development_token_with_the_permission_reaches_the_endpoint_that_requires_it()
    {
        var client = await StartOnTheDevelopmentIssuerAsync();

        var response = await GetAsync(client, "/api/messages/admin", await DevelopmentTokenAsync(client, $"?permission={Permission}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Its_token_command_prints_a_development_token_without_starting_the_server()
    {
        var run = project.Start(DevelopmentSettings, _port, arguments: ["token", "--permission", Permission]);

        (await run.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, run.Output);
        run.Output.Trim().Split('.').Should().HaveCount(3, "a JWS in compact form has three parts");
    }

    [Fact]
    public async Task Without_its_issuer_it_stops_at_start_naming_the_setting()
    {
        _process = project.Start(new Dictionary<string, string>(), _port);

        (await _process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().NotBe(0);
        _process.Output.Should().Contain("AUTH0_DOMAIN is not set");
    }

    [ProviderFact]
    public async Task It_publishes_native_aot_without_a_warning_and_the_native_binary_checks_tokens()
    {
        var publish = await project.PublishNativeAotAsync();
        publish.ExitCode.Should().Be(0, publish.StandardOutput);
        var client = await StartTrustingTheProviderAsync(project.NativeExecutable);
        var token = _provider!.SignerWith(_providerKey).Token().Build();

        var refused = await GetAsync(client, "/api/messages/admin", token);
        var message = await client.GetStringAsync("/api/messages/public");

        publish.StandardOutput.Split('\n').Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase)).Should().BeEmpty();
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain(Permission);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"insufficient_permissions\"");
        message.Should().Contain("The API doesn't require an access token to share this message.");
    }

    [Fact]
    public async Task Its_native_binary_in_development_accepts_a_token_its_development_issuer_mints()
    {
        var publish = await project.PublishNativeAotAsync();
        publish.ExitCode.Should().Be(0, publish.StandardOutput);
        var client = await StartOnTheDevelopmentIssuerAsync(project.NativeExecutable);

        var response = await GetAsync(client, "/api/messages/admin", await DevelopmentTokenAsync(client, $"?permission={Permission}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<HttpClient> StartOnTheDevelopmentIssuerAsync(string? executable = null)
    {
        HttpClient client;
        (_process, client) = await project.StartListeningAsync(DevelopmentSettings, _port, executable);
        return client;
    }

    /// <summary>Development with no issuer configured, so the development issuer is on, its key in a file of this test's.</summary>
    private Dictionary<string, string> DevelopmentSettings => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
        ["DevIssuer__KeyFile"] = _devKeys.Path,
    };

    private static async Task<string> DevelopmentTokenAsync(HttpClient client, string query)
    {
        using var body = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/dev/token" + query));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpClient> StartTrustingTheProviderAsync(string? executable = null)
    {
        _provider = new OidcProviderProcess(_ca, TokenBuilder.Audience);
        await _provider.StartAsync(_providerKey);
        HttpClient client;
        (_process, client) = await project.StartListeningAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
        }, _port, executable);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        if (_provider is not null)
            await _provider.DisposeAsync();
        _port.Dispose();
        _devKeys.Dispose();
        _ca.Dispose();
    }
}
