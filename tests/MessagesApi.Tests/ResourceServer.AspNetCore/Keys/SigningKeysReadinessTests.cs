using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>/readyz until every issuer's keys are loaded: 503, and per issuer why not: not fetched yet (the issuer has not
/// answered), refused (its discovery document names another issuer, and which value to set), or no usable keys; the
/// change is logged once, never an Error per probe.</summary>
public sealed class SigningKeysReadinessTests
{
    [Fact]
    public async Task While_the_issuer_has_not_answered_readyz_says_the_keys_are_not_fetched_yet()
    {
        using var api = new ApiFactory();
        api.Issuer.State = IssuerState.Refusing;
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ReasonsAsync(response)).Should().Equal(
            "The signing keys of https://issuer.test/ are not fetched yet: the issuer has not answered so far (the log says why).");
    }

    [Fact]
    public async Task When_the_discovery_document_names_another_issuer_readyz_says_which_value_to_set()
    {
        using var api = new ApiFactory();
        api.Issuer.DiscoveryIssuer = "https://impostor.test/";
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ReasonsAsync(response)).Should().Equal(
            "AUTH0_DOMAIN names https://issuer.test/ but its discovery document names https://impostor.test/: set AUTH0_DOMAIN=https://impostor.test/.");
    }

    [Fact]
    public async Task When_the_discovery_document_names_another_issuer_the_log_says_which_value_to_set()
    {
        using var api = new ApiFactory();
        api.Issuer.DiscoveryIssuer = "https://impostor.test/";

        await FetchedOnceAsync(api);

        api.Logs.Entries.Should().Contain(entry => entry.Level == LogLevel.Warning && entry.Message ==
            "AUTH0_DOMAIN names https://issuer.test/ but its discovery document names https://impostor.test/: set AUTH0_DOMAIN=https://impostor.test/. "
            + "Its keys are not used (discovery document: https://issuer.test/.well-known/openid-configuration).");
    }

    [Fact]
    public async Task With_several_issuers_the_value_to_set_keeps_the_others()
    {
        using var api = new ApiFactory().WithSecondIssuer();
        api.SecondIssuer!.DiscoveryIssuer = "https://impostor.test/";
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        (await ReasonsAsync(response)).Should().Equal(
            "AUTH0_DOMAIN names https://issuer-two.test/ but its discovery document names https://impostor.test/: set AUTH0_DOMAIN=https://issuer.test/,https://impostor.test/.");
    }

    [Fact]
    public async Task A_discovery_document_naming_no_issuer_is_refused_without_a_value_to_set()
    {
        using var api = new ApiFactory();
        api.Issuer.DiscoveryIssuer = "not a url";
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        (await ReasonsAsync(response)).Should().Equal(
            "AUTH0_DOMAIN names https://issuer.test/ but its discovery document names an issuer that is not a URL: check that AUTH0_DOMAIN is your issuer.");
    }

    [Fact]
    public async Task When_the_jwks_has_no_usable_keys_readyz_says_so()
    {
        using var api = new ApiFactory();
        api.Issuer.Withdraw(api.Issuer.CurrentKey);
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ReasonsAsync(response)).Should().Equal("The JWKS of https://issuer.test/ has no signing keys the API can use (the log says why).");
    }

    [Fact]
    public async Task Readyz_names_only_the_issuers_whose_keys_are_not_loaded()
    {
        using var api = new ApiFactory().WithSecondIssuer();
        api.SecondIssuer!.State = IssuerState.Refusing;
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        (await ReasonsAsync(response)).Should().ContainSingle().Which.Should().StartWith("The signing keys of https://issuer-two.test/ are not fetched yet");
    }

    [Fact]
    public async Task With_several_issuers_not_loaded_readyz_gives_each_reason_as_its_own_sentence()
    {
        using var api = new ApiFactory().WithSecondIssuer();
        api.Issuer.State = IssuerState.Refusing;
        api.SecondIssuer!.State = IssuerState.Refusing;
        await FetchedOnceAsync(api);

        var response = await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        (await ReasonsAsync(response)).Should().Equal(
            "The signing keys of https://issuer.test/ are not fetched yet: the issuer has not answered so far (the log says why). "
            + "The signing keys of https://issuer-two.test/ are not fetched yet: the issuer has not answered so far (the log says why).");
    }

    [Fact]
    public async Task Once_the_keys_are_loaded_the_check_says_so_to_any_health_check_writer()
    {
        using var api = new ApiFactory();
        await FetchedOnceAsync(api);

        var report = await api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "signing-keys");

        report.Entries["signing-keys"].Description.Should().Be("Signing keys loaded.");
    }

    [Fact]
    public async Task While_the_keys_are_not_loaded_no_readyz_answer_logs_an_error()
    {
        using var api = new ApiFactory();
        api.Issuer.State = IssuerState.Refusing;
        await FetchedOnceAsync(api);

        for (var probe = 0; probe < 3; probe++)
            (await api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        api.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Should().BeEmpty();
    }

    /// <summary>Waits until every issuer's start-up fetch is over, whatever it found: a refresh joins a fetch under way.</summary>
    private static async Task FetchedOnceAsync(ApiFactory api)
    {
        foreach (var issuer in api.Services.GetRequiredService<IssuerKeyStore>().Issuers)
            await issuer.RefreshAsync();
    }

    private static async Task<string?[]> ReasonsAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString())];
}
