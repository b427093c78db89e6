using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>/dev/explain agrees with the API when a token arrives before its issuer's first keys: both fetch them then.</summary>
public sealed class ExplainBeforeTheFirstKeysTests
{
    [Fact]
    public async Task A_token_explained_before_the_first_keys_were_loaded_causes_their_fetch_and_is_accepted()
    {
        using var api = new ApiFactory { Environment = "Development" }.WithFakeClock();
        await api.FirstKeysNotFetchedAsync();
        var client = api.CreateClient();
        var token = api.Issuer.Token().Build();

        // In the body: a Bearer header would have the API's own authentication fetch the keys before the explainer runs.
        var explanation = await (await client.PostAsync("/dev/explain", new StringContent(token))).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_token_explained_while_the_jwks_has_no_usable_keys_is_told_so_as_readyz_tells_it()
    {
        using var api = new ApiFactory();
        api.Issuer.Withdraw(api.Issuer.CurrentKey);
        (await api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync()).Should().BeFalse();

        var explanation = await api.Services.GetRequiredService<TokenExplainer>().ExplainAsync(api.Issuer.Token().Build());

        explanation.Checks.Single(check => check.Check == "kid").Found.Should()
            .Be("The JWKS of https://issuer.test/ has no signing keys the API can use (the log says why).");
    }
}
