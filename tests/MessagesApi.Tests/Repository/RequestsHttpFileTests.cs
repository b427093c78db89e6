using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>http/'s request files, one per client family, since they share no syntax for passing a token from one
/// request's response to the next: requests.http for VS Code REST Client and Visual Studio (request variables),
/// requests.jetbrains.http for Rider and the other JetBrains IDEs (response handler scripts).</summary>
public sealed class RequestsHttpFileTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    private const string RestClientFile = "requests.http";
    private const string JetBrainsFile = "requests.jetbrains.http";

    [Theory]
    [InlineData(RestClientFile)]
    [InlineData(JetBrainsFile)]
    public void Every_request_states_its_expected_status(string fileName)
    {
        var file = Read(fileName);

        file.Requests.Should().HaveCountGreaterThan(10).And.OnlyContain(r => r.ExpectedStatus >= 200);
    }

    [Theory]
    [InlineData(RestClientFile)]
    [InlineData(JetBrainsFile)]
    public async Task Every_request_gets_its_expected_status_from_the_api(string fileName)
    {
        var file = Read(fileName);

        var results = await file.RunAsync(api.CreateClient(), api.Server.BaseAddress.ToString().TrimEnd('/'));

        results.Select(r => $"{r.Request.Method} {r.Request.Url} -> {r.Status}")
            .Should().Equal(file.Requests.Select(r => $"{r.Method} {r.Url} -> {r.ExpectedStatus}"));
    }

    [Fact]
    public void Both_files_send_the_same_requests()
    {
        Requests(Read(JetBrainsFile)).Should().Equal(Requests(Read(RestClientFile)));
    }

    [Fact]
    public void The_jetbrains_file_passes_tokens_on_only_with_response_handlers()
    {
        var text = File.ReadAllText(PathOf(JetBrainsFile));

        text.Should().NotContain(".response.", "JetBrains' HTTP Client has no request variables").And.NotContain("# @name");
        Read(JetBrainsFile).Requests.SelectMany(r => r.GlobalsSet).Select(set => set.Variable).Should().Equal("token", "adminToken");
    }

    [Fact]
    public void The_rest_client_file_passes_tokens_on_only_with_request_variables()
    {
        File.ReadAllText(PathOf(RestClientFile)).Should().NotContain("{%", "VS Code REST Client and Visual Studio run no scripts");
    }

    private static IEnumerable<string> Requests(HttpFile file) =>
        file.Requests.Select(r => $"{r.Title} | {r.ExpectedStatus} {r.Method} {r.Url} | {string.Join(", ", r.Headers.Select(h => $"{h.Name}: {h.Value}"))}");

    private static HttpFile Read(string fileName) => new(File.ReadAllText(PathOf(fileName)));

    private static string PathOf(string fileName) => Path.Combine(RepositoryRoot.Path, "http", fileName);
}
