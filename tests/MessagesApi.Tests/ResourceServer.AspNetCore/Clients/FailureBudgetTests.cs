using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Clients;

namespace MessagesApi.Tests;

public sealed class FailureBudgetTests
{
    private const string Flooder = "198.51.100.7";
    private const string Bystander = "203.0.113.20";

    [Fact]
    public async Task A_client_past_its_failure_budget_is_answered_429_with_retry_after_and_the_json_body()
    {
        using var api = SmallBudget();
        await SpendBudget(api, Flooder);

        var response = await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Be("Too Many Requests");
    }

    [Fact]
    public async Task A_429_reaches_a_browser_app_with_its_retry_after_exposed_and_the_security_headers()
    {
        using var api = SmallBudget();
        await SpendBudget(api, Flooder);
        var client = api.ClientFrom(Flooder, api.Issuer.ForgedToken());
        client.DefaultRequestHeaders.Add("Origin", "http://localhost:4040");

        var response = await client.GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin").Should().Be("http://localhost:4040");
        SecurityHeadersTests.Header(response, "Access-Control-Expose-Headers").Should().Contain("Retry-After");
        SecurityHeadersTests.Header(response, "X-Content-Type-Options").Should().Be("nosniff");
    }

    [Fact]
    public async Task Another_client_is_unaffected_while_one_is_over_its_budget()
    {
        using var api = SmallBudget();
        await SpendBudget(api, Flooder);

        var response = await api.ClientFrom(Bystander, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task A_valid_token_already_in_the_cache_is_never_throttled()
    {
        using var api = SmallBudget();
        var valid = api.Issuer.Token().Build();
        (await api.ClientFrom(Flooder, valid).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
        await SpendBudget(api, Flooder);

        var response = await api.ClientFrom(Flooder, valid).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_throttled_request_does_not_reach_token_validation()
    {
        using var api = SmallBudget();
        await api.KeysLoadedAsync();
        await SpendBudget(api, Flooder);
        var fetches = api.Issuer.Requests;

        // An unknown kid would make validation fetch the issuer's keys again.
        var response = await api.ClientFrom(Flooder, api.Issuer.Token().SignedWith(new SigningKey("unknown-kid")).Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        api.Issuer.Requests.Should().Be(fetches);
    }

    [Fact]
    public async Task A_handful_of_expired_tokens_does_not_throttle_a_client_on_the_default_budget()
    {
        using var api = new ApiFactory().WithSetting("Clients:FailureBudget:HoldTime", "00:00:00");
        var expired = api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build();
        for (var i = 0; i < 5; i++)
            (await api.ClientFrom(Bystander, expired).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token has expired.");

        var response = await api.ClientFrom(Bystander, api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_tokens_sent_to_the_public_endpoint_count_against_the_budget()
    {
        using var api = SmallBudget();
        for (var i = 0; i < 3; i++)
            (await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/public")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/public");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_over_budget_request_is_held_for_the_hold_time_before_its_429()
    {
        using var api = SmallBudget(holdTime: "00:00:05").WithFakeClock();
        await SpendBudget(api, Flooder);
        var timers = api.Clock!.TimersCreated;

        var held = api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");
        await Eventually.Until(() => api.Clock.TimersCreated > timers, TimeSpan.FromSeconds(10), "the request to be held");
        held.IsCompleted.Should().BeFalse();
        api.Clock.Advance(TimeSpan.FromSeconds(5));

        (await held).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Past_the_held_request_limit_the_429_comes_at_once_and_closes_the_connection()
    {
        using var api = OneHeldRequestAtMost();
        await SpendBudget(api, Flooder);
        var held = await Held(api, "the first request to be held");

        var refused = await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.ConnectionClose.Should().BeTrue();
        held.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_request_refused_past_the_held_limit_frees_no_slot_it_never_took()
    {
        using var api = OneHeldRequestAtMost();
        await SpendBudget(api, Flooder);
        var first = await Held(api, "the first request to be held");
        (await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected")).Headers.ConnectionClose.Should().BeTrue();
        api.Clock!.Advance(TimeSpan.FromSeconds(5));
        await first;

        var next = await Held(api, "the slot freed by the first request to hold the next");

        api.Clock.Advance(TimeSpan.FromSeconds(5));
        (await next).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_budget_refills_one_failure_per_refill_interval()
    {
        using var api = SmallBudget().WithFakeClock();
        await SpendBudget(api, Flooder);
        (await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        api.Clock!.Advance(TimeSpan.FromHours(1));

        (await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_slash_64_share_a_budget()
    {
        using var api = SmallBudget();
        for (var i = 1; i <= 3; i++)
            await api.ClientFrom($"2001:db8:1:2::{i}", api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        var response = await api.ClientFrom("2001:db8:1:2:ffff::9", api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Per_client_state_stays_within_max_clients_under_address_spraying()
    {
        using var api = SmallBudget().WithSetting("Clients:FailureBudget:MaxClients", "5");
        for (var i = 1; i <= 40; i++)
            await api.ClientFrom($"192.0.2.{i}", api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        api.Services.GetRequiredService<FailureBudget>().TrackedClients.Should().Be(5);
    }

    [Fact]
    public async Task A_client_going_over_its_budget_is_logged_once_as_a_warning_naming_it()
    {
        using var api = SmallBudget();
        await SpendBudget(api, Flooder);

        for (var i = 0; i < 3; i++)
            await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        api.Logs.Entries.Where(entry => entry.Message.Contains("over its failure budget")).Should().ContainSingle()
            .Which.Should().Match<(LogLevel Level, string Category, string Message, Exception? Exception)>(
                entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith($"Client {Flooder} is over its failure budget"));
    }

    [Fact]
    public async Task A_disabled_budget_never_throttles()
    {
        using var api = SmallBudget().WithSetting("Clients:FailureBudget:Enabled", "false");
        await SpendBudget(api, Flooder);

        var response = await api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token signature is invalid.");
    }

    /// <summary>Three failures allowed, one more per hour (so a slow test run never refills it by accident); over-budget
    /// requests answered without a hold unless asked.</summary>
    private static ApiFactory SmallBudget(string holdTime = "00:00:00") => new ApiFactory()
        .WithSetting("Clients:FailureBudget:Burst", "3")
        .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
        .WithSetting("Clients:FailureBudget:HoldTime", holdTime);

    private static ApiFactory OneHeldRequestAtMost() =>
        SmallBudget(holdTime: "00:00:05").WithFakeClock().WithSetting("Clients:FailureBudget:MaxHeldRequests", "1");

    /// <summary>A request from the flooder, once it is held (its hold timer started on the fake clock).</summary>
    private static async Task<Task<HttpResponseMessage>> Held(ApiFactory api, string because)
    {
        var timers = api.Clock!.TimersCreated;
        var request = api.ClientFrom(Flooder, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected");
        await Eventually.Until(() => api.Clock.TimersCreated > timers, TimeSpan.FromSeconds(10), because);
        return request;
    }

    private static async Task SpendBudget(ApiFactory api, string client)
    {
        for (var i = 0; i < 3; i++)
            (await api.ClientFrom(client, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token signature is invalid.");
    }
}
