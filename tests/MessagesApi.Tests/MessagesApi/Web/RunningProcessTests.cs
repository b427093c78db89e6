using System.Net;
using System.Text.RegularExpressions;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The built API as a newcomer meets it: started with no Auth0 tenant, following the curl commands it logs.</summary>
public sealed partial class RunningProcessTests : IAsyncLifetime
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"messagesapi-process-keys-{Guid.NewGuid():N}.json");
    private ApiProcess? _api;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Logged_curl_commands_give_200_200_200_403_and_no_token_gives_401()
    {
        var api = await StartDevelopment();
        var commands = await LoggedCurlCommands(api);

        var statuses = new List<HttpStatusCode>();
        foreach (var (token, url) in commands)
        {
            var client = token is null ? api.Client() : api.Client(token);
            statuses.Add((await client.GetAsync(url)).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden);
        (await api.Client().GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Listens_on_the_port_in_PORT()
    {
        var api = await StartDevelopment();

        api.Output.Should().Contain($"Now listening on: http://localhost:{api.Port}");
    }

    [Fact]
    public async Task Headers_over_kestrels_limit_get_431_not_500()
    {
        var api = await StartDevelopment();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 40_000));

        var response = await api.Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task Non_ascii_bytes_in_the_authorization_header_get_401_bad_credentials()
    {
        var api = await StartDevelopment();
        using var socket = new System.Net.Sockets.TcpClient("localhost", api.Port);
        var stream = socket.GetStream();

        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(
            "GET /api/messages/protected HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \u00c3\u00a9\u00ff.abc.def\r\nConnection: close\r\n\r\n"));
        var response = await new StreamReader(stream, System.Text.Encoding.Latin1).ReadToEndAsync();

        response.Should().StartWith("HTTP/1.1 401").And.Contain("\"message\":\"Bad credentials\"");
    }

    [Fact]
    public async Task Token_command_prints_a_token_the_running_api_accepts()
    {
        var api = await StartDevelopment();

        var token = await RunToCompletion(new Dictionary<string, string> { ["PORT"] = api.Port.ToString() }, "token", "--permission", "read:admin-messages");

        new JsonWebToken(token).GetPayloadValue<List<string>>("permissions").Should().Equal("read:admin-messages");
        (await api.Client(token).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_logged_token_command_run_as_printed_gives_a_token_the_running_api_accepts()
    {
        var api = await StartDevelopment();
        await Eventually.Until(() => TokenCommand().IsMatch(api.Output), TimeSpan.FromSeconds(10), "the API never logged its token command");
        var printed = TokenCommand().Match(api.Output);
        var environment = printed.Groups["variable"].Captures.ToDictionary(variable => variable.Value.Split('=')[0], variable => variable.Value.Split('=')[1]);

        // As printed, with the built API in place of `dotnet run --project src/MessagesApi --`, which would build it first.
        var token = await RunToCompletion(environment, printed.Groups["arguments"].Value.Split(' '));

        (await api.Client(token).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.OK, printed.Value);
    }

    [Fact]
    public async Task Development_log_lines_read_time_then_level_then_category()
    {
        var api = await StartDevelopment();
        await Eventually.Until(() => api.Output.Contains("(403: no permission)"), TimeSpan.FromSeconds(10), "the API never logged its welcome");

        var levelLines = api.Output.Split('\n').Where(line => LogLevelWord().IsMatch(line)).ToArray();

        levelLines.Should().NotBeEmpty().And.OnlyContain(line => DevelopmentLogLine().IsMatch(line), "each reads like '08:15:02 info: Category[0]'");
    }

    [Fact]
    public async Task Production_without_auth0_settings_exits_non_zero_with_one_line_naming_them()
    {
        var run = await ApiProcess.RunAsync(new Dictionary<string, string>(), ApiProcess.BuildDirectory);

        run.ExitCode.Should().NotBe(0);
        run.StandardError.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("AUTH0_DOMAIN is not set").And.Contain("AUTH0_AUDIENCE is not set");
        (run.StandardError + run.StandardOutput).Should().NotContain("   at ");
    }

    private async Task<ApiProcess> StartDevelopment() =>
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile,
        });

    private static async Task<IReadOnlyList<(string? Token, string Url)>> LoggedCurlCommands(ApiProcess api)
    {
        // The API logs them as it starts listening, so they are normally there by the time it serves.
        await Eventually.Until(() => api.Output.Contains("(403: no permission)"), TimeSpan.FromSeconds(10), "the API never logged its four curl commands");
        return CurlCommand().Matches(api.Output)
            .Select(m => (m.Groups["token"].Success ? m.Groups["token"].Value : null, m.Groups["url"].Value))
            .ToArray();
    }

    private async Task<string> RunToCompletion(Dictionary<string, string> environment, params string[] arguments)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["DevIssuer__KeyFile"] = _keyFile;
        var run = await ApiProcess.RunAsync(environment, ApiProcess.BuildDirectory, arguments);
        run.ExitCode.Should().Be(0, run.StandardError);
        return run.StandardOutput.Trim();
    }

    [GeneratedRegex("""curl (-H "Authorization: Bearer (?<token>[\w.-]+)" )?(?<url>http://\S+/api/messages/\w+)""")]
    private static partial Regex CurlCommand();

    [GeneratedRegex(@"(?:(?<variable>[A-Z_]+=\S+) )*dotnet run --project src/MessagesApi -- (?<arguments>token --permission \S+)")]
    private static partial Regex TokenCommand();

    [GeneratedRegex(@"(?:info|warn|fail|crit|dbug|trce): ")]
    private static partial Regex LogLevelWord();

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2} (?:info|warn|fail|crit|dbug|trce): [\w.]+\[\d+\]$")]
    private static partial Regex DevelopmentLogLine();

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        File.Delete(_keyFile);
    }
}
