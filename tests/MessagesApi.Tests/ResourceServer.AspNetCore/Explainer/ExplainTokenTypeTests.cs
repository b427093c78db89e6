using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Explainer;

namespace MessagesApi.Tests;

/// <summary>/dev/explain's typ check says which types the settings accept and which one the token carries.</summary>
public sealed class ExplainTokenTypeTests
{
    [Fact]
    public async Task By_default_it_names_every_accepted_type_and_a_missing_typ_as_none()
    {
        using var api = new ApiFactory();

        var check = await TypCheck(api, api.Issuer.Token().WithoutHeader("typ").Build());

        (check.Expected, check.Found).Should().Be(("none, JWT or at+jwt (with or without application/)", "none"));
    }

    [Fact]
    public async Task With_the_access_token_type_required_it_names_only_at_jwt_and_the_typ_found()
    {
        using var api = new ApiFactory().WithSetting("Auth0:RequireAccessTokenType", "true");

        var check = await TypCheck(api, api.Issuer.Token().WithHeader("typ", "JWT").Build());

        (check.Passed, check.Expected, check.Found).Should().Be((false, "at+jwt (or application/at+jwt)", "JWT"));
    }

    private static async Task<TokenCheck> TypCheck(ApiFactory api, string token) =>
        (await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(token)).Checks.Single(check => check.Check == "typ");
}
