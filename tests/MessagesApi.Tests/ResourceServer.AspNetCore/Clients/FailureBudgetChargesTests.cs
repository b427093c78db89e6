using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>What the failure budget charges: refusals that cost a signature verification, and nothing an honest client
/// sends (an expired token, a nonce challenge) or that is our fault (the replay store down). Three charges allowed.</summary>
public sealed class FailureBudgetChargesTests
{
    private const string Client = "198.51.100.7";
    private const string Url = ApiFactory.LocalPublicUrl + "/api/messages/protected";
    private const int MoreThanTheBudget = 6;

    private readonly DpopKey _key = new();

    public static TheoryData<string> RefusalsWithoutCrypto => ["expired", "not yet valid", "wrong audience", "wrong issuer", "malformed", "alg none"];

    [Theory]
    [MemberData(nameof(RefusalsWithoutCrypto))]
    public async Task A_refusal_decided_without_a_signature_check_is_never_charged(string refusal)
    {
        using var api = SmallBudget();
        for (var i = 0; i < MoreThanTheBudget; i++)
            (await api.ClientFrom(Client, Refused(api, refusal)).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var response = await api.ClientFrom(Client, api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Proofs_with_forged_signatures_are_charged_until_429()
    {
        using var api = SmallBudget();
        var token = _key.BoundToken(api.Issuer);
        for (var i = 0; i < 3; i++)
            await DpopProofTests.ShouldBeRefused(await SendDpop(api, token, _key.ProofFor("GET", Url, token).BuildSignedBy(new DpopKey())),
                "invalid_dpop_proof", "The DPoP proof's signature is invalid.");

        var response = await SendDpop(api, token, _key.ProofFor("GET", Url, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_over_budget_client_is_throttled_under_dpop_even_with_a_token_already_validated()
    {
        using var api = SmallBudget();
        var token = _key.BoundToken(api.Issuer);
        (await SendDpop(api, token, _key.ProofFor("GET", Url, token).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
        await SpendBudget(api);

        var response = await SendDpop(api, token, _key.ProofFor("GET", Url, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_over_budget_client_with_a_valid_token_not_seen_before_is_throttled()
    {
        using var api = SmallBudget();
        await SpendBudget(api);

        var response = await api.ClientFrom(Client, api.Issuer.Token().With("jti", "never-seen").Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Nonce_challenges_are_never_charged()
    {
        using var api = SmallBudget().WithSetting("Auth0:Dpop:RequireNonce", "true");
        for (var i = 0; i < MoreThanTheBudget; i++)
        {
            var first = _key.BoundToken(api.Issuer);
            await DpopProofTests.ShouldBeRefused(await SendDpop(api, first, _key.ProofFor("GET", Url, first).Build()),
                "use_dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");
        }
        var token = _key.BoundToken(api.Issuer);
        var nonce = (await SendDpop(api, token, _key.ProofFor("GET", Url, token).Build())).Headers.GetValues("DPoP-Nonce").Single();

        var response = await SendDpop(api, token, _key.ProofFor("GET", Url, token).With("nonce", nonce).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_refused_while_the_replay_store_is_unavailable_are_never_charged()
    {
        using var api = SmallBudget().WithServices(services => services.AddSingleton<IDpopReplayCache, UnavailableReplayCache>());
        for (var i = 0; i < MoreThanTheBudget; i++)
        {
            var token = _key.BoundToken(api.Issuer);
            (await SendDpop(api, token, _key.ProofFor("GET", Url, token).Build())).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        var response = await api.ClientFrom(Client, api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Clients_going_over_their_budget_are_logged_within_the_rejection_log_sampling()
    {
        using var api = SmallBudget().WithSetting("Observability:RejectionLog:LinesPerInterval", "1");
        foreach (var client in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
            await SpendBudget(api, client);

        api.Logs.Entries.Count(entry => entry.Message.Contains("over its failure budget")).Should().Be(1);
    }

    private static ApiFactory SmallBudget() => new ApiFactory().ServingDpop()
        .WithSetting("Clients:FailureBudget:Burst", "3")
        .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
        .WithSetting("Clients:FailureBudget:HoldTime", "00:00:00");

    private static async Task SpendBudget(ApiFactory api, string client = Client)
    {
        for (var i = 0; i < 3; i++)
            (await api.ClientFrom(client, api.Issuer.ForgedToken()).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token signature is invalid.");
    }

    private static string Refused(ApiFactory api, string refusal) => refusal switch
    {
        "expired" => api.Issuer.Token().With("jti", Guid.NewGuid().ToString()).ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build(),
        "not yet valid" => api.Issuer.Token().With("jti", Guid.NewGuid().ToString()).With("nbf", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Build(),
        "wrong audience" => api.Issuer.Token().With("jti", Guid.NewGuid().ToString()).With("aud", "https://another-api.example").Build(),
        "wrong issuer" => api.Issuer.Token().With("jti", Guid.NewGuid().ToString()).With("iss", "https://another-issuer.example/").Build(),
        "malformed" => $"not.a.{Guid.NewGuid():N}",
        _ => api.Issuer.Token().With("jti", Guid.NewGuid().ToString()).WithHeader("alg", "none").BuildUnsigned(),
    };

    private static Task<HttpResponseMessage> SendDpop(ApiFactory api, string token, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
        request.Headers.Add("DPoP", proof);
        return api.ClientFrom(Client).SendAsync(request);
    }
}
