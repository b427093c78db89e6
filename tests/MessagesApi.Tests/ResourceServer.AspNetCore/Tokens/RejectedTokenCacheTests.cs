using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;
using ResourceServer.AspNetCore.Rejections;

namespace MessagesApi.Tests;

public sealed class RejectedTokenCacheTests
{
    [Fact]
    public async Task A_token_with_a_bad_signature_is_remembered_as_rejected()
    {
        using var api = new ApiFactory();
        var token = BadSignature(api);

        await Protected(api, token);

        Rejected(api).TryGet(token, out var failure).Should().BeTrue();
        TokenRejection.From(failure).Reason.Should().Be("bad_signature");
    }

    [Fact]
    public async Task The_same_bad_token_sent_again_is_refused_from_the_cache_without_another_check()
    {
        using var api = new ApiFactory();
        await api.KeysLoadedAsync();
        var token = BadSignature(api);
        var handler = api.Services.GetRequiredService<AccessTokenHandler>();
        var parameters = JwtParameters(api);
        var first = await handler.ValidateTokenAsync(token, parameters);

        var second = await handler.ValidateTokenAsync(token, parameters);

        second.IsValid.Should().BeFalse();
        second.Exception.Should().BeSameAs(first.Exception, "a second signature check would have made a new exception");
    }

    [Fact]
    public async Task A_repeated_bad_token_gets_the_same_401_as_the_first_time()
    {
        using var api = new ApiFactory();
        var token = BadSignature(api);
        var first = await Protected(api, token);

        var second = await Protected(api, token);

        (await Answer(second)).Should().Be(await Answer(first));
        second.Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task An_expired_token_is_remembered_as_rejected()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build();

        await Protected(api, token);

        Rejected(api).TryGet(token, out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_not_remembered_since_time_will_make_it_valid()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().With("nbf", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Build();

        await Protected(api, token);

        Rejected(api).TryGet(token, out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_token_signed_with_an_unknown_key_is_not_remembered_so_it_can_still_make_the_api_fetch_new_keys()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().SignedWith(new SigningKey("not-yet-published")).Build();

        await Protected(api, token);

        Rejected(api).TryGet(token, out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_remembered_rejection_is_forgotten_once_the_issuers_keys_change()
    {
        using var api = new ApiFactory();
        await api.KeysLoadedAsync();
        var token = BadSignature(api);
        await Protected(api, token);

        api.Issuer.Rotate();
        await api.KeysLoadedAsync();

        Rejected(api).TryGet(token, out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_flood_of_distinct_bad_tokens_never_grows_the_cache_past_its_bound()
    {
        using var api = new ApiFactory().WithSetting("Auth0:TokenCache:MaxEntries", "2");
        var tokens = Enumerable.Range(0, 5).Select(i => api.Issuer.Token().With("jti", i.ToString()).SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build()).ToArray();

        foreach (var token in tokens)
            await Protected(api, token);

        tokens.Count(token => Rejected(api).TryGet(token, out _)).Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_zero_lifetime_turns_the_rejected_token_cache_off()
    {
        using var api = new ApiFactory().WithSetting("Auth0:TokenCache:RejectedTokenLifetime", "00:00:00");
        var token = BadSignature(api);

        await Protected(api, token);

        Rejected(api).TryGet(token, out _).Should().BeFalse();
    }

    private static string BadSignature(ApiFactory api) => api.Issuer.Token().SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build();

    private static RejectedTokenCache Rejected(ApiFactory api) => api.Services.GetRequiredService<RejectedTokenCache>();

    private static TokenValidationParameters JwtParameters(ApiFactory api) =>
        api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

    /// <summary>Everything a client sees of an answer: its status, its challenge and its body, byte for byte.</summary>
    private static async Task<(HttpStatusCode Status, string Challenge, string Body)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), await response.Content.ReadAsStringAsync());

    private static Task<HttpResponseMessage> Protected(ApiFactory api, string token) =>
        api.ClientWithToken(token).GetAsync("/api/messages/protected");
}
