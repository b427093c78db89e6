using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MessagesApi.Messages;
using ResourceServer.AspNetCore.Explainer;

namespace MessagesApi.Tests;

/// <summary>The explainer (/dev/explain) and the API give every token the same verdict: both read the same rules, so a
/// token the API refuses is never explained as accepted, nor the other way round.</summary>
public sealed class ExplainerAgreementTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Seed = 22;
    private const int Mutations = 300;

    [Fact]
    public async Task Every_hostile_and_valid_token_gets_the_same_verdict_from_the_explainer_as_from_the_api() =>
        (await DisagreementsAsync(api, Cases(api.Issuer))).Should().BeEmpty();

    [Fact]
    public async Task With_introspection_on_every_token_opaque_or_not_gets_the_same_verdict_from_the_explainer_as_from_the_api()
    {
        using var introspecting = IntrospectionTests.Introspecting();
        var opaque = introspecting.Issuer.Introspection;
        var revoked = opaque.Issue();
        opaque.Revoke(revoked);
        (string, string)[] opaqueCases =
        [
            ("opaque, active", opaque.Issue()),
            ("opaque, revoked", revoked),
            ("opaque, expired answer", opaque.Issue(new() { ["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds() })),
            ("opaque, another audience", opaque.Issue(new() { ["aud"] = "https://other.test" })),
            ("opaque, cnf a string", opaque.Issue(new() { ["cnf"] = "jkt" })),
            ("opaque, four dots", "a.b.c.d.e"),
        ];

        (await DisagreementsAsync(introspecting, [.. opaqueCases, .. Cases(introspecting.Issuer)])).Should().BeEmpty();
    }

    private static async Task<List<string>> DisagreementsAsync(ApiFactory api, IEnumerable<(string Name, string Token)> cases)
    {
        await api.KeysLoadedAsync();
        var explainer = api.Services.GetRequiredService<TokenExplainer>();
        var disagreements = new List<string>();

        var client = api.CreateClient();
        foreach (var (name, token) in cases)
        {
            // Unvalidated, as HostileTokenTests sends its mutants: a flipped bit can make a CR or LF, which
            // AuthenticationHeaderValue refuses to build.
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            var response = await client.SendAsync(request);
            var explained = await explainer.ExplainAsync(token);
            if ((response.StatusCode == HttpStatusCode.OK) != explained.Accepted)
                disagreements.Add($"{name}: API {(int)response.StatusCode}, explainer accepted={explained.Accepted} ({string.Join("; ", explained.Checks.Where(c => !c.Passed).Select(c => $"{c.Check}: {c.Found}"))})");
        }
        return disagreements;
    }

    [Fact]
    public async Task Every_token_gets_the_same_answer_on_admin_from_the_explainer_as_from_the_api()
    {
        await api.KeysLoadedAsync();
        var explainer = api.Services.GetRequiredService<TokenExplainer>();
        var issuer = api.Issuer;
        var cases = new (string Name, string Token)[]
        {
            ("no permissions", issuer.Token().Build()),
            ("the permission", issuer.Token().WithPermissions(Permissions.ReadAdminMessages).Build()),
            ("another permission", issuer.Token().WithPermissions("read:messages").Build()),
            ("the permission among others", issuer.Token().With("permissions", "read:messages read:admin-messages").Build()),
            ("the permission as scope", issuer.Token().With("scope", Permissions.ReadAdminMessages).Build()),
            ("the permission, expired", issuer.Token().WithPermissions(Permissions.ReadAdminMessages).ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build()),
        };
        var disagreements = new List<string>();

        foreach (var (name, token) in cases)
        {
            var response = await api.ClientWithToken(token).GetAsync("/api/messages/admin");
            var explained = (await explainer.ExplainAsync(token)).Endpoints.Single(e => e.Endpoint == "GET /api/messages/admin");
            if ((int)response.StatusCode != explained.Status)
                disagreements.Add($"{name}: API {(int)response.StatusCode}, explainer {explained.Status} ({explained.Found})");
        }

        disagreements.Should().BeEmpty();
    }

    private static IEnumerable<(string Name, string Token)> Cases(TestIssuer issuer)
    {
        yield return ("valid", issuer.Token().Build());
        yield return ("typ at+jwt", issuer.Token().WithHeader("typ", "at+jwt").Build());
        yield return ("no typ", issuer.Token().WithoutHeader("typ").Build());
        yield return ("fractional exp", issuer.Token().With("exp", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() + 0.5).Build());
        yield return ("crit", issuer.Token().WithHeader("crit", new[] { "exp" }).Build());
        yield return ("iat in the future", issuer.Token().With("iat", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Build());
        yield return ("exp a string", issuer.Token().With("exp", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString()).Build());
        yield return ("nbf a string", issuer.Token().With("nbf", "0").Build());
        yield return ("no exp", issuer.Token().Without("exp").Build());
        yield return ("expired", issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build());
        yield return ("nbf after exp, both within the skew", issuer.Token()
            .With("nbf", DateTimeOffset.UtcNow.AddSeconds(10).ToUnixTimeSeconds()).With("exp", DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeSeconds()).Build());
        yield return ("not yet valid", issuer.Token().With("nbf", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Build());
        yield return ("wrong audience", issuer.Token().With("aud", "https://other.test").Build());
        yield return ("wrong issuer", issuer.Token().With("iss", "https://other-issuer.test/").Build());
        yield return ("header bytes after", issuer.Token().EditJson(header: json => json + "x").Build());
        yield return ("header then alg none", issuer.Token().EditJson(header: json => json + "{\"alg\":\"none\"}").Build());
        yield return ("payload bytes after", issuer.Token().EditJson(payload: json => json + "x").Build());
        yield return ("duplicate header member", issuer.Token().EditJson(header: json => json.Replace("{", "{\"typ\":\"x\",", StringComparison.Ordinal)).Build());
        yield return ("kid empty", issuer.Token().WithHeader("kid", "").Build());
        yield return ("kid null", issuer.Token().WithHeader("kid", null).Build());
        yield return ("typ null", issuer.Token().WithHeader("typ", null).Build());
        yield return ("typ dpop+jwt", issuer.Token().WithHeader("typ", "dpop+jwt").Build());
        yield return ("cnf string", issuer.Token().With("cnf", "jkt").Build());
        yield return ("cnf number", issuer.Token().With("cnf", 5).Build());
        yield return ("cnf jkt", issuer.Token().With("cnf", new Dictionary<string, string> { ["jkt"] = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" }).Build());
        yield return ("cnf x5t#S256", issuer.Token().With("cnf", new Dictionary<string, string> { ["x5t#S256"] = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2" }).Build());
        yield return ("alg HS256", issuer.Token().WithHeader("alg", "HS256").BuildHmacWithSecret(new byte[32]));
        yield return ("alg none", issuer.Token().WithHeader("alg", "none").BuildUnsigned());
        yield return ("unknown kid", issuer.Token().SignedWith(new SigningKey()).Build());
        yield return ("empty", "");
        var random = new Random(Seed);
        for (var i = 0; i < Mutations; i++)
            yield return ($"mutation {i} of seed {Seed}", TokenMutations.Mutate(issuer.Token().Build(), random, issuer));
    }
}
