using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

/// <summary>In-process, once the host signals it is stopping (as on SIGTERM) and while its ShutdownDelay runs on a fake
/// clock: not ready, still serving, connections closed after each response. The real process's sequence is in
/// <see cref="ShutdownDrainProcessTests"/>.</summary>
public sealed class ShutdownDrainTests : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(1);

    private readonly ApiFactory _api = new ApiFactory().WithFakeClock().WithSetting("ShutdownDelay", Delay.ToString("c"));

    private IHostApplicationLifetime Lifetime => _api.Services.GetRequiredService<IHostApplicationLifetime>();

    [Fact]
    public async Task Readyz_answers_503_unhealthy_once_the_api_is_stopping()
    {
        await _api.KeysLoadedAsync();
        Lifetime.StopApplication();

        var response = await _api.CreateClient().GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Unhealthy");
    }

    [Fact]
    public async Task Readyz_says_why_it_is_not_ready_once_the_api_is_stopping()
    {
        await _api.KeysLoadedAsync();
        Lifetime.StopApplication();

        var response = await _api.CreateClient().GetAsync("/readyz");

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString())
            .Should().Equal("The API is shutting down.");
    }

    [Fact]
    public async Task No_readyz_answer_during_the_drain_logs_an_error()
    {
        await _api.KeysLoadedAsync();
        Lifetime.StopApplication();

        for (var probe = 0; probe < 3; probe++)
            (await _api.CreateClient().GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        _api.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Should().BeEmpty();
    }

    [Fact]
    public async Task The_readiness_check_says_the_api_is_shutting_down()
    {
        Lifetime.StopApplication();

        var report = await _api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "draining");

        report.Entries["draining"].Description.Should().Be("The API is shutting down.");
    }

    [Fact]
    public async Task Responses_ask_to_close_the_connection_once_the_api_is_stopping()
    {
        Lifetime.StopApplication();

        var response = await _api.CreateClient().GetAsync("/api/messages/public");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ConnectionClose.Should().BeTrue();
    }

    [Fact]
    public async Task Responses_keep_the_connection_while_the_api_is_not_stopping()
    {
        var response = await _api.CreateClient().GetAsync("/api/messages/public");

        response.Headers.ConnectionClose.Should().NotBe(true);
    }

    [Fact]
    public void The_hosts_shutdown_timeout_covers_the_delay_and_then_the_timeout()
    {
        var host = _api.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        host.ShutdownTimeout.Should().Be(Delay + TimeSpan.FromSeconds(20));
    }

    /// <summary>Lets the delay pass on the fake clock, so the stop and the factory's own stop end at once.</summary>
    public void Dispose()
    {
        Lifetime.StopApplication();
        _api.Clock!.Advance(Delay);
        _api.Dispose();
    }
}
