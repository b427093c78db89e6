using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>What the API makes of what an issuer publishes: a discovery document naming someone else, an empty JWKS,
/// keys without a kid.</summary>
public sealed class IssuerKeySetTests
{
    [Fact]
    public async Task Keys_from_a_discovery_document_naming_another_issuer_are_not_used()
    {
        using var api = new ApiFactory();
        api.Issuer.DiscoveryIssuer = "https://impostor.test/";

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The issuer's signing keys are unavailable; try again shortly.");
        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning
            && e.Message.Contains("names https://impostor.test/") && e.Message.Contains(api.Issuer.Issuer));
    }

    [Fact]
    public async Task The_first_load_logs_its_keys_with_none_withdrawn()
    {
        using var api = new ApiFactory();

        await api.KeysLoadedAsync();

        var kid = api.Issuer.CurrentKey.KeyId;
        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Information
            && e.Message == $"Signing keys of https://issuer.test/: {kid} (added {kid}, withdrawn none).");
    }

    [Fact]
    public async Task Keys_the_policy_admits_are_not_logged_as_unused()
    {
        using var api = new ApiFactory();

        await api.KeysLoadedAsync();

        api.Logs.Entries.Should().NotContain(e => e.Message.Contains("is not used"));
    }

    [Fact]
    public async Task A_load_that_only_withdraws_keys_logs_none_added()
    {
        using var api = new ApiFactory().WithFakeClock();
        var old = api.Issuer.CurrentKey;
        var next = api.Issuer.Rotate();
        await api.KeysLoadedAsync();
        api.Issuer.Withdraw(old);

        await api.RunScheduledKeyRefreshAsync();

        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Information
            && e.Message == $"Signing keys of https://issuer.test/: {next.KeyId} (added none, withdrawn {old.KeyId}).");
    }

    [Fact]
    public async Task An_empty_jwks_leaves_the_last_keys_in_use()
    {
        using var api = new ApiFactory().WithFakeClock();
        await api.KeysLoadedAsync();
        api.Issuer.Withdraw(api.Issuer.CurrentKey);

        await api.RunScheduledKeyRefreshAsync();

        (await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("has no signing keys"));
    }

    [Fact]
    public async Task A_fetch_that_fails_is_logged_with_the_issuer_and_the_error()
    {
        using var api = new ApiFactory();
        api.Issuer.State = IssuerState.Refusing;

        await api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync();

        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message ==
            "Could not refresh the signing keys of https://issuer.test/ from https://issuer.test/.well-known/openid-configuration: "
            + "Connection refused (test issuer is down). The last known keys stay in use.");
    }

    [Fact]
    public async Task A_discovery_document_without_a_jwks_uri_is_read_as_no_usable_keys()
    {
        using var api = new ApiFactory();
        api.Issuer.PublishesJwksUri = false;

        await api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync();

        api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().WhyNoKeys.Should()
            .Be("The JWKS of https://issuer.test/ has no signing keys the API can use (the log says why).");
    }

    [Fact]
    public async Task Each_refused_key_of_a_jwks_is_logged()
    {
        using var api = new ApiFactory();
        var weak = new SigningKey(keySize: 1024);
        var encryption = new SigningKey { Use = "enc", Alg = "RSA-OAEP" };
        api.Issuer.Publish(weak);
        api.Issuer.Publish(encryption);

        await api.KeysLoadedAsync();

        api.Logs.Entries.Where(e => e.Message.Contains("is not used")).Select(e => e.Message).Should().BeEquivalentTo(
            $"Key {weak.KeyId} in the JWKS of https://issuer.test/ is not used: it is a 1024-bit RSA key; at least 2048 bits are required.",
            $"Key {encryption.KeyId} in the JWKS of https://issuer.test/ is not used: it is marked for use 'enc', not for signatures.");
    }

    [Fact]
    public async Task A_refused_key_without_a_kid_is_logged_as_having_none()
    {
        using var api = new ApiFactory();
        api.Issuer.PublishJwk(new() { ["kty"] = "oct", ["k"] = "c2VjcmV0" });

        await api.KeysLoadedAsync();

        api.Logs.Entries.Should().Contain(e => e.Message ==
            "Key (no kid) in the JWKS of https://issuer.test/ is not used: its key type 'oct' is not supported (only RSA and EC).");
    }

    [Fact]
    public async Task Keys_without_a_kid_are_logged_as_having_none()
    {
        using var api = new ApiFactory();
        api.Issuer.PublishesKeyIds = false;

        await api.KeysLoadedAsync();

        api.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Information
            && e.Message == "Signing keys of https://issuer.test/: (no kid) (added (no kid), withdrawn none).");
    }

    [Fact]
    public async Task A_jwks_key_without_a_kid_verifies_tokens_without_a_kid()
    {
        using var api = new ApiFactory();
        api.Issuer.PublishesKeyIds = false;

        var response = await api.ClientWithToken(api.Issuer.Token().WithoutHeader("kid").Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
