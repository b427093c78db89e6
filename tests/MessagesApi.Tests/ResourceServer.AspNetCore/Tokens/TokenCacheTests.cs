using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Tokens;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

public sealed class TokenCacheTests
{
    [Fact]
    public async Task A_reused_valid_token_is_cached_once()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().Build();

        await Protected(api, token);
        await Protected(api, token);

        Cache(api).Count.Should().Be(1);
        Cache(api).TryGet(token, out var cached).Should().BeTrue();
        cached.IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_cached_token_is_served_from_the_cache_no_longer_than_its_max_lifetime()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:TokenCache:MaxLifetime", "00:01:00");
        var token = api.Issuer.Token().Build();
        await Protected(api, token);

        api.Clock!.Advance(TimeSpan.FromMinutes(2));

        Cache(api).TryGet(token, out _).Should().BeFalse("the token is valid for an hour, but cached for a minute at most");
    }

    [Fact]
    public async Task A_cached_token_is_not_served_at_the_instant_its_max_lifetime_ends()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:TokenCache:MaxLifetime", "00:01:00");
        var token = api.Issuer.Token().Build();
        await Protected(api, token);

        api.Clock!.Advance(TimeSpan.FromMinutes(1));

        Cache(api).TryGet(token, out _).Should().BeFalse("an entry ends at its expiry, as a token does at its exp");
    }

    [Fact]
    public async Task Rejected_tokens_are_never_cached()
    {
        using var api = new ApiFactory();

        await Protected(api, api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build());
        await Protected(api, api.Issuer.Token().SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build());

        Cache(api).Count.Should().Be(0);
    }

    [Fact]
    public async Task A_cached_token_is_rejected_once_it_expires()
    {
        // JsonWebTokenHandler checks lifetimes against the system clock, so this one waits for real time to pass exp.
        using var api = new ApiFactory().WithSetting("Auth0:ClockSkew", "00:00:00");
        await api.KeysLoadedAsync();
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        var token = api.Issuer.Token().ExpiresAt(expires).Build();
        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually.Until(() => DateTimeOffset.UtcNow > expires, TimeSpan.FromSeconds(10), "the token's expiry to pass");

        (await Protected(api, token)).Should().BeRejectedWith("The token has expired.");
    }

    [Fact]
    public async Task A_cached_token_is_rejected_once_its_signing_key_is_withdrawn()
    {
        // A refresh sooner than the cache's MaxLifetime, so only the withdrawal can end the entry.
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:KeyRefreshInterval", "00:01:00");
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        await api.KeysLoadedAsync();
        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        api.Issuer.Rotate();
        api.Issuer.Withdraw(old);
        await api.RunScheduledKeyRefreshAsync();

        (await Protected(api, token)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task A_cached_token_whose_signing_key_is_withdrawn_leaves_the_cache_when_next_looked_up()
    {
        using var api = new ApiFactory();
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        await Protected(api, token);

        api.Issuer.Rotate();
        api.Issuer.Withdraw(old);
        await api.KeysLoadedAsync();
        await Protected(api, token);

        Cache(api).Count.Should().Be(0, "an entry that can never be served again should not hold memory until the token expires");
    }

    [Fact]
    public async Task A_validation_during_which_its_key_is_withdrawn_is_not_served_from_the_cache()
    {
        using var api = new ApiFactory();
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        // The race, made deterministic: right after the validation has read the keys, a refresh withdraws the token's key.
        using var racing = api.WithWebHostBuilder(host => host.ConfigureTestServices(services => services
            .AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IssuerKeyStore>((jwt, store) =>
            {
                var resolve = jwt.TokenValidationParameters.IssuerSigningKeyResolver;
                jwt.TokenValidationParameters.IssuerSigningKeyResolver = (raw, parsed, kid, parameters) =>
                {
                    var keys = resolve(raw, parsed, kid, parameters).ToArray();
                    if (api.Issuer.CurrentKey == old)
                    {
                        api.Issuer.Rotate();
                        api.Issuer.Withdraw(old);
                        // Again if this joined a fetch that read the JWKS before the withdrawal.
                        while (store.Issuers.Single().Current!.KeyIds.Contains(old.KeyId))
                            store.Issuers.Single().RefreshAsync().GetAwaiter().GetResult();
                    }
                    return keys;
                };
            })));
        var client = racing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await client.GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task A_cached_token_is_rejected_once_its_kid_names_another_key()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:KeyRefreshInterval", "00:01:00");
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        await api.KeysLoadedAsync();
        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        api.Issuer.Withdraw(old);
        api.Issuer.Publish(new SigningKey(old.KeyId));
        await api.RunScheduledKeyRefreshAsync();

        (await Protected(api, token)).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task A_scheduled_refresh_that_finds_the_same_keys_keeps_cached_tokens()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:KeyRefreshInterval", "00:01:00");
        var token = api.Issuer.Token().Build();
        await api.KeysLoadedAsync();
        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        await api.RunScheduledKeyRefreshAsync();

        Cache(api).TryGet(token, out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_flood_of_distinct_tokens_never_grows_the_cache_past_its_bound()
    {
        using var api = new ApiFactory().WithSetting("Auth0:TokenCache:MaxEntries", "50");
        var tokens = Enumerable.Range(0, 200).Select(i => api.Issuer.Token().With("jti", i.ToString()).Build()).ToArray();

        foreach (var token in tokens)
            (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        Cache(api).Count.Should().BeLessThanOrEqualTo(50);
    }

    [Fact]
    public async Task Concurrent_first_use_of_one_token_succeeds_everywhere()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().Build();
        await Protected(api, api.Issuer.Token().With("jti", "warm-up").Build());

        var statuses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ => (await Protected(api, token)).StatusCode));

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK);
        Cache(api).Count.Should().Be(2);
    }

    [Fact]
    public async Task Switched_off_the_cache_stores_nothing_and_validation_is_unchanged()
    {
        using var api = new ApiFactory().WithSetting("Auth0:TokenCache:Enabled", "false");
        var token = api.Issuer.Token().Build();

        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Protected(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Protected(api, api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build())).Should().BeRejectedWith("The token has expired.");

        Cache(api).Count.Should().Be(0);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity_from_a_cached_entry()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().Build();
        await Protected(api, token);

        Cache(api).TryGet(token, out var first);
        Cache(api).TryGet(token, out var second);

        first.ClaimsIdentity.Should().NotBeSameAs(second.ClaimsIdentity);
    }

    private static ValidatedTokenCache Cache(ApiFactory api) => api.Services.GetRequiredService<ValidatedTokenCache>();

    private static Task<HttpResponseMessage> Protected(ApiFactory api, string token) =>
        api.ClientWithToken(token).GetAsync("/api/messages/protected");
}
