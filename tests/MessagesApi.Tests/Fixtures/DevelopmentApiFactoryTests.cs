using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>The development test host is one application, as `dotnet run` is one process: a second host would race
/// the first on the key file, and tokens minted by one would be checked against the other's keys.</summary>
public sealed class DevelopmentApiFactoryTests : IDisposable
{
    private readonly DevelopmentApiFactory _api = new();

    [Fact]
    public async Task Builds_exactly_one_host_through_start_up_and_the_first_key_fetch()
    {
        await WaitUntilReady();

        (await _api.CreateClient().GetAsync("/api/messages/public")).StatusCode.Should().Be(HttpStatusCode.OK);

        _api.HostsBuilt.Should().Be(1);
    }

    [Fact]
    public async Task The_key_it_signs_with_is_among_the_keys_it_trusts()
    {
        await WaitUntilReady();

        var token = await _api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token");

        var kid = new JsonWebToken(token.GetProperty("access_token").GetString()).Kid;
        _api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().Current!.KeyIds.Should().Contain(kid);
    }

    /// <summary>Ready once the refresher has fetched the issuer's keys (from this very host) at start-up.</summary>
    private async Task WaitUntilReady()
    {
        var client = _api.CreateClient();
        await Eventually.Until(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20));
    }

    public void Dispose() => _api.Dispose();
}
