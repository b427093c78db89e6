using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Introspection;
using static MessagesApi.Tests.IntrospectionTests;

namespace MessagesApi.Tests;

/// <summary>The introspection endpoint is an optional dependency: while it does not answer, requests with uncached opaque
/// tokens get 503 but the API stays ready, as it still serves JWTs; /readyz says it is degraded and why, metrics count
/// the calls by result and say whether the last one was answered, and the outage is logged once when it starts and once
/// when it ends. Nothing is asked that no request asked.</summary>
// The metric's tests scrape OpenTelemetry, which listens to meters by name across the process.
[Collection(nameof(MetricsTests))]
public sealed class IntrospectionReadinessTests
{
    private const string Protected = "/api/messages/protected";
    private const string Why = "Opaque tokens cannot be introspected: requests with an uncached one get 503 until the issuer answers (the log says why).";

    [Fact]
    public async Task While_the_endpoint_does_not_answer_readyz_answers_200_degraded_saying_so_without_the_transports_words()
    {
        using var api = Introspecting();
        await CallWhileTheEndpointFailsAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Degraded");
        body.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()).Should().Equal(Why);
    }

    [Fact]
    public async Task Once_the_endpoint_answers_again_readyz_is_healthy()
    {
        using var api = Introspecting();
        await CallWhileTheEndpointFailsAsync(api);
        (await ReadinessAsync(api)).Should().Be("Degraded");
        api.Issuer.State = IssuerState.Up;

        (await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await ReadinessAsync(api)).Should().Be("Healthy");
    }

    [Fact]
    public async Task Before_any_opaque_token_is_asked_about_readyz_is_healthy_without_a_call()
    {
        using var api = Introspecting();
        await api.KeysLoadedAsync();

        var status = await ReadinessAsync(api);

        (status, api.Issuer.Introspection.Calls).Should().Be(("Healthy", 0));
    }

    [Fact]
    public async Task An_outage_is_logged_once_as_a_warning_with_why_however_many_calls_fail()
    {
        using var api = Introspecting();

        await CallWhileTheEndpointFailsAsync(api, times: 3);

        api.Logs.Entries.Where(entry => entry.Level == LogLevel.Warning && entry.Category.EndsWith(nameof(IntrospectionAvailability), StringComparison.Ordinal))
            .Should().ContainSingle().Which.Message.Should().EndWith("The introspection endpoint answered 500.");
    }

    [Fact]
    public async Task The_end_of_an_outage_is_logged_once_as_information()
    {
        using var api = Introspecting();
        await CallWhileTheEndpointFailsAsync(api);
        api.Issuer.State = IssuerState.Up;

        for (var i = 0; i < 2; i++)
            await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        api.Logs.Entries.Where(entry => entry.Level == LogLevel.Information && entry.Category.EndsWith(nameof(IntrospectionAvailability), StringComparison.Ordinal))
            .Should().ContainSingle().Which.Message.Should().Be("The issuer's introspection endpoint answers again: opaque tokens are served.");
    }

    [Fact]
    public async Task Calls_are_counted_by_result_active_inactive_or_unavailable()
    {
        using var api = Introspecting().WithSetting("Observability:PrometheusPath", "/metrics");
        await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);
        await api.ClientWithToken("never-issued").GetAsync(Protected);
        await api.ClientWithToken("never-issued-either").GetAsync(Protected);
        await CallWhileTheEndpointFailsAsync(api);
        api.Issuer.State = IssuerState.Up;

        var metrics = await MetricsTests.ScrapeIncluding(api, "result=\"unavailable\"");

        const string calls = "messages_api_introspection_duration_seconds_count";
        (MetricsTests.Counter(metrics, calls, "result=\"active\""), MetricsTests.Counter(metrics, calls, "result=\"inactive\""), MetricsTests.Counter(metrics, calls, "result=\"unavailable\""))
            .Should().Be((1, 2, 1));
    }

    [Fact]
    public async Task The_availability_metric_is_0_after_a_failed_call_and_1_after_an_answer()
    {
        using var api = Introspecting().WithSetting("Observability:PrometheusPath", "/metrics");
        var client = api.CreateClient();
        await CallWhileTheEndpointFailsAsync(api);
        await GaugeShouldBecomeAsync(client, 0);
        api.Issuer.State = IssuerState.Up;

        await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        await GaugeShouldBecomeAsync(client, 1);
    }

    /// <summary>Requests with new opaque tokens while the issuer answers 500 to everything, its keys loaded before.</summary>
    private static async Task CallWhileTheEndpointFailsAsync(ApiFactory api, int times = 1)
    {
        await api.KeysLoadedAsync();
        api.Issuer.State = IssuerState.Failing;
        for (var i = 0; i < times; i++)
            (await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    private static async Task<string?> ReadinessAsync(ApiFactory api) =>
        (await (await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();

    /// <summary>Scrapes until the gauge shows <paramref name="expected"/>: the exporter may serve a scrape it cached a
    /// moment before.</summary>
    private static Task GaugeShouldBecomeAsync(HttpClient client, double expected) =>
        Eventually.Until(async () => MetricsTests.Gauge(await client.GetStringAsync("/metrics"), "messages_api_introspection_available") == expected,
            TimeSpan.FromSeconds(10), $"messages_api_introspection_available to be {expected}");
}
