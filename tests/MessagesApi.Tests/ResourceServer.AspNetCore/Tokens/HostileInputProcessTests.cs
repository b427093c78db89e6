using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API, in Development with Debug logging as the README suggests for debugging rejections, sent the
/// inputs that once made it answer 500: each gets the answer it deserves, never a 5xx.</summary>
public sealed class HostileInputProcessTests : IAsyncLifetime
{
    private readonly TemporaryKeyFile _keyFile = new();
    private ApiProcess? _api;

    public async Task InitializeAsync() =>
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile.Path,
            ["Logging__LogLevel__MessagesApi"] = "Debug",
            ["Logging__LogLevel__ResourceServer"] = "Debug",
        });

    [Fact]
    public async Task Inputs_that_once_gave_500_get_401_400_or_200()
    {
        var api = _api!;
        var foreignIssuer = new TestIssuer();
        var largestExp = foreignIssuer.Token().With("exp", long.MaxValue).Build();
        var nullAlg = foreignIssuer.Token().WithHeader("alg", null).Build();

        var answers = new[]
        {
            $"token with exp 2^63-1: {await Status(api.Client(largestExp).GetAsync("/api/messages/protected"))}",
            $"explain of that token: {await Status(api.Client().PostAsync("/dev/explain", new StringContent(largestExp)))}",
            $"token with alg null: {await Status(api.Client(nullAlg).GetAsync("/api/messages/protected"))}",
            $"lifetime=abc: {await Status(api.Client().GetAsync("/dev/token?lifetime=abc"))}",
            $"lifetime=99999999999: {await Status(api.Client().GetAsync("/dev/token?lifetime=99999999999"))}",
        };

        answers.Should().Equal(
            "token with exp 2^63-1: 401",
            "explain of that token: 200",
            "token with alg null: 401",
            "lifetime=abc: 400",
            "lifetime=99999999999: 400");
    }

    private static async Task<int> Status(Task<HttpResponseMessage> response) => (int)(await response).StatusCode;

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        _keyFile.Dispose();
    }
}
