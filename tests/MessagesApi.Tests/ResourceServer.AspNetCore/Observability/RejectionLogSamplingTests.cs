using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests;

/// <summary>A flood of rejections cannot flood the log: per reason, at most LinesPerInterval lines per interval, then one
/// line counting the rest when the interval ends. The interval (10 s by default) passes only when a test advances the
/// API's fake clock.</summary>
public sealed class RejectionLogSamplingTests
{
    private const string Protected = "/api/messages/protected";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Past_the_limit_a_reason_writes_only_LinesPerInterval_lines_in_an_interval()
    {
        using var api = Api(linesPerInterval: 3);

        await Reject(api, WrongAudience(api), times: 5);

        Lines(api, "401 for").Should().HaveCount(3).And.OnlyContain(line => line.Contains("wrong_audience"));
    }

    [Fact]
    public async Task A_reason_past_its_limit_leaves_other_reasons_their_lines()
    {
        using var api = Api(linesPerInterval: 1);
        await Reject(api, WrongAudience(api), times: 3);

        await api.ClientWithToken(api.Issuer.Token().WithHeader("alg", "HS256").Build()).GetAsync(Protected);

        Lines(api, "401 for").Should().ContainSingle(line => line.Contains("algorithm_not_allowed"));
    }

    [Fact]
    public async Task When_the_interval_ends_one_line_counts_the_rejections_not_written()
    {
        using var api = Api(linesPerInterval: 2);
        await Reject(api, WrongAudience(api), times: 5);

        api.Clock!.Advance(Interval);

        Summaries(api).Should().ContainSingle().Which.Should().Be("3 more rejections for reason wrong_audience in the last 00:00:10.");
    }

    [Fact]
    public async Task Before_the_interval_ends_no_summary_is_written()
    {
        using var api = Api(linesPerInterval: 2);
        await Reject(api, WrongAudience(api), times: 5);

        api.Clock!.Advance(Interval - TimeSpan.FromMilliseconds(1));

        Summaries(api).Should().BeEmpty();
    }

    [Fact]
    public async Task The_summary_timer_does_not_keep_the_context_of_the_request_that_started_the_interval()
    {
        using var api = Api(linesPerInterval: 1);
        await Reject(api, WrongAudience(api), times: 2);

        api.Clock!.Advance(Interval);

        TraceOf(api, "401 for").Should().NotBeNull("the request's own line is written in its trace");
        TraceOf(api, " more rejections for reason ").Should().BeNull("a summary belongs to no request");
    }

    [Fact]
    public async Task A_reason_that_stayed_within_its_limit_gets_no_summary()
    {
        using var api = Api(linesPerInterval: 2);
        await Reject(api, WrongAudience(api), times: 2);

        api.Clock!.Advance(Interval);

        Summaries(api).Should().BeEmpty();
    }

    [Fact]
    public async Task After_the_interval_a_reason_writes_lines_again()
    {
        using var api = Api(linesPerInterval: 1);
        var token = WrongAudience(api);
        await Reject(api, token, times: 2);
        api.Clock!.Advance(Interval);

        await Reject(api, token, times: 1);

        Lines(api, "401 for").Should().HaveCount(2);
    }

    [Fact]
    public async Task With_zero_lines_per_interval_only_the_summary_is_written()
    {
        using var api = Api(linesPerInterval: 0);
        await Reject(api, WrongAudience(api), times: 3);

        api.Clock!.Advance(Interval);

        api.Logs.Entries.Select(e => e.Message).Where(message => message.Contains("wrong_audience"))
            .Should().Equal("3 more rejections for reason wrong_audience in the last 00:00:10.");
    }

    [Fact]
    public async Task Requests_without_a_token_are_limited_like_any_other_reason()
    {
        using var api = Api(linesPerInterval: 1);

        for (var i = 0; i < 3; i++)
            await api.CreateClient().GetAsync(Protected);

        Lines(api, "401 for").Should().Equal("401 for /api/messages/protected: no bearer token.");
    }

    [Fact]
    public async Task A_missing_permission_is_limited_per_permission()
    {
        using var api = Api(linesPerInterval: 1);
        var client = api.ClientWithToken(api.Issuer.Token().Build());

        for (var i = 0; i < 3; i++)
            await client.GetAsync("/api/messages/admin");

        Lines(api, "403 for").Should().ContainSingle().Which.Should().Contain("read:admin-messages");
    }

    [Fact]
    public async Task At_debug_level_the_explanation_is_written_only_with_the_line_it_explains()
    {
        using var api = Api(linesPerInterval: 1).WithSetting("Logging:LogLevel:ResourceServer", "Debug");

        await Reject(api, WrongAudience(api), times: 3);

        api.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Why:")).Should().ContainSingle();
    }

    private static ApiFactory Api(int linesPerInterval) =>
        new ApiFactory().WithFakeClock().WithSetting("Observability:RejectionLog:LinesPerInterval", linesPerInterval.ToString());

    private static string WrongAudience(ApiFactory api) => api.Issuer.Token().With("aud", "https://another-api.example").Build();

    private static async Task Reject(ApiFactory api, string token, int times)
    {
        var client = api.ClientWithToken(token);
        for (var i = 0; i < times; i++)
            await client.GetAsync(Protected);
    }

    private static IEnumerable<string> Lines(ApiFactory api, string prefix) =>
        api.Logs.Entries.Where(e => e.Level >= LogLevel.Information && e.Message.StartsWith(prefix)).Select(e => e.Message);

    private static string? TraceOf(ApiFactory api, string containing) =>
        api.Logs.Traces.Should().ContainSingle(e => e.Message.Contains(containing)).Which.TraceId;

    private static IEnumerable<string> Summaries(ApiFactory api) =>
        api.Logs.Entries.Where(e => e.Message.Contains(" more rejections for reason ")).Select(e => e.Message);
}
