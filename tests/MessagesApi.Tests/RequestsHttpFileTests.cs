using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class RequestsHttpFileTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    private static readonly string FilePath = Path.Combine(RepositoryRoot.Path, "http", "requests.http");

    [Fact]
    public void Every_request_states_its_expected_status()
    {
        var file = new HttpFile(File.ReadAllText(FilePath));

        file.Requests.Should().HaveCountGreaterThan(10).And.OnlyContain(r => r.ExpectedStatus >= 200);
    }

    [Fact]
    public async Task Every_request_gets_its_expected_status_from_the_api()
    {
        var file = new HttpFile(File.ReadAllText(FilePath));

        var results = await file.RunAsync(api.CreateClient(), api.Server.BaseAddress.ToString().TrimEnd('/'));

        results.Select(r => $"{r.Request.Method} {r.Request.Url} -> {r.Status}")
            .Should().Equal(file.Requests.Select(r => $"{r.Method} {r.Url} -> {r.ExpectedStatus}"));
    }
}
