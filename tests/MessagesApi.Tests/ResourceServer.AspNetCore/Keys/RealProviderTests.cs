using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions.Execution;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace MessagesApi.Tests;

/// <summary>The built API as a real process, trusting npm's oidc-provider over HTTPS with a test CA, the way it
/// trusts an Auth0 tenant: real RS256 tokens, key rotation, the provider going down and coming back.</summary>
public sealed class RealProviderTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.e2e";

    // The scheduled refresh runs during an outage within a second, so a test can wait for it instead of hoping.
    private static readonly (string, string) EverySecondRefresh = ("Auth0__KeyRefreshInterval", "00:00:01");

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private readonly ITestOutputHelper _output;
    private readonly System.Security.Cryptography.RSA _firstKey = OidcProviderProcess.NewKey();
    private readonly List<ApiProcess> _apis = [];

    public RealProviderTests(ITestOutputHelper output)
    {
        _provider = new OidcProviderProcess(_ca, Audience);
        _output = output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Real_tokens_get_the_messages_and_the_403_the_contract_promises()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi();
        var plain = await _provider.TokenAsync("plain-client");
        var admin = await _provider.TokenAsync("admin-client");

        var publicMessage = await api.Client().GetAsync("/api/messages/public");
        var protectedMessage = await api.Client(plain).GetAsync("/api/messages/protected");
        var adminMessage = await api.Client(admin).GetAsync("/api/messages/admin");
        var forbidden = await api.Client(plain).GetAsync("/api/messages/admin");
        var anonymous = await api.Client().GetAsync("/api/messages/protected");

        using var all = new AssertionScope();
        (await Answer(publicMessage)).Should().Be((HttpStatusCode.OK, """{"text":"This is a public message."}"""));
        (await Answer(protectedMessage)).Should().Be((HttpStatusCode.OK, """{"text":"This is a protected message."}"""));
        (await Answer(adminMessage)).Should().Be((HttpStatusCode.OK, """{"text":"This is an admin message."}"""));
        (await Answer(forbidden)).Should().Be((HttpStatusCode.Forbidden,
            """{"error":"insufficient_permissions","error_description":"Insufficient permissions to access resource","message":"Permission denied"}"""));
        forbidden.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer error=\"insufficient_scope\", scope=\"read:admin-messages\"");
        anonymous.Should().BeChallengedWithoutToken();
    }

    [ProviderFact]
    public async Task Provider_issues_at_jwt_tokens_with_a_permissions_array()
    {
        await _provider.StartAsync(_firstKey);

        var jwt = new JsonWebToken(await _provider.TokenAsync("admin-client"));

        jwt.Typ.Should().Be("at+jwt");
        jwt.Issuer.Should().Be(_provider.Issuer);
        jwt.GetPayloadValue<List<string>>("permissions").Should().Equal("read:admin-messages");
    }

    [ProviderFact]
    public async Task Rotated_key_is_accepted_without_restart()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi();
        (await api.Client(await _provider.TokenAsync()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);

        await _provider.RestartAsync(OidcProviderProcess.NewKey(), _firstKey);
        var signedWithNewKey = await _provider.TokenAsync();

        (await api.Client(signedWithNewKey).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task Second_rotation_soon_after_the_first_is_picked_up_within_60_seconds()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi();
        var secondKey = OidcProviderProcess.NewKey();
        await _provider.RestartAsync(secondKey, _firstKey);
        (await api.Client(await _provider.TokenAsync()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);

        await _provider.RestartAsync(OidcProviderProcess.NewKey(), secondKey);
        var token = await _provider.TokenAsync();

        var pickedUp = await PollUntilOk(api, token, TimeSpan.FromSeconds(60));

        _output.WriteLine($"second rotation picked up after {pickedUp.TotalSeconds:F1} s");
        pickedUp.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [ProviderFact]
    public async Task Withdrawn_key_stops_being_accepted_at_the_next_scheduled_refresh()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi(("Auth0__KeyRefreshInterval", "00:00:02"));
        var oldToken = await _provider.TokenAsync();
        (await api.Client(oldToken).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);

        await _provider.RestartAsync(OidcProviderProcess.NewKey());

        using var client = api.Client(oldToken);
        HttpResponseMessage response = null!;
        await Eventually.Until(async () => (response = await client.GetAsync("/api/messages/protected")).StatusCode != HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the token signed with the withdrawn key was still accepted");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("unknown key");
    }

    [ProviderFact]
    public async Task Provider_down_after_warm_up_does_not_affect_valid_tokens()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi(EverySecondRefresh);
        (await api.Client(await _provider.TokenAsync()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
        var unused = await _provider.TokenAsync("admin-client");

        await _provider.StopAsync();
        await WaitForFailedRefresh(api);

        (await api.Client(unused).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client().GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task Provider_restarted_after_an_outage_keeps_tokens_flowing()
    {
        await _provider.StartAsync(_firstKey);
        var api = await StartApi(EverySecondRefresh);
        var token = await _provider.TokenAsync();
        await _provider.StopAsync();
        await WaitForFailedRefresh(api);

        await _provider.StartAsync(_firstKey);

        (await api.Client(token).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client(await _provider.TokenAsync()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task Cold_start_with_the_provider_down_serves_public_and_401s_protected_until_it_comes_back()
    {
        await _provider.StartAsync(_firstKey);
        var token = await _provider.TokenAsync();
        await _provider.StopAsync();

        var api = await StartApi();
        var whileDown = await api.Client(token).GetAsync("/api/messages/protected");
        var publicWhileDown = await api.Client().GetAsync("/api/messages/public");
        var readyWhileDown = await api.Client().GetAsync("/readyz");
        await _provider.StartAsync(_firstKey);

        publicWhileDown.StatusCode.Should().Be(HttpStatusCode.OK);
        readyWhileDown.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        whileDown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await whileDown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString()
            .Should().Be("The issuer's signing keys are unavailable; try again shortly.");
        var recovered = await PollUntilOk(api, token, TimeSpan.FromSeconds(40));
        _output.WriteLine($"accepted {recovered.TotalSeconds:F1} s after the provider came back");
        recovered.Should().BeLessThan(TimeSpan.FromSeconds(40));
    }

    /// <summary>Waits until the API has tried to fetch the keys while the provider is down, and failed.</summary>
    private async Task WaitForFailedRefresh(ApiProcess api)
    {
        var failuresBefore = FailedRefreshes();
        await Eventually.Until(() => FailedRefreshes() > failuresBefore, TimeSpan.FromSeconds(30), "the API never tried to fetch the keys during the outage");

        int FailedRefreshes() => api.Output.Split('\n').Count(line => line.Contains($"Could not refresh the signing keys of {_provider.Issuer}"));
    }

    private static async Task<(HttpStatusCode Status, string Body)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, await response.Content.ReadAsStringAsync());

    private async Task<ApiProcess> StartApi(params (string Name, string Value)[] settings)
    {
        var api = await ApiProcess.StartTrustingAsync(_provider, _ca, Audience, settings);
        _apis.Add(api);
        return api;
    }

    private static async Task<TimeSpan> PollUntilOk(ApiProcess api, string token, TimeSpan limit)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (elapsed.Elapsed < limit)
        {
            if ((await api.Client(token).GetAsync("/api/messages/protected")).StatusCode == HttpStatusCode.OK)
                return elapsed.Elapsed;
            await Task.Delay(500);
        }
        return limit;
    }

    public async Task DisposeAsync()
    {
        foreach (var api in _apis)
            await api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}
