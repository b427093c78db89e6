using System.Security.Cryptography.X509Certificates;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The development issuer's /dev/token as an RFC 8705 token endpoint: where certificate-bound tokens are
/// accepted, a client presenting a certificate gets a token bound to it, which then works with that certificate alone.</summary>
public sealed class DevTokenCertificateTests : IAsyncLifetime
{
    private readonly DevelopmentApiFactory _api = new DevelopmentApiFactory().WithSetting("Auth0:CertificateBinding:Enabled", "true");
    private readonly X509Certificate2 _certificate = PresentedCertificate.SelfSigned();

    [Fact]
    public async Task A_token_requested_with_a_certificate_is_bound_to_it()
    {
        var token = await TokenFor(_api.ClientPresenting(_certificate));

        new JsonWebToken(token).GetPayloadValue<JsonElement>("cnf").GetProperty("x5t#S256").GetString().Should().Be(PresentedCertificate.Thumbprint(_certificate));
    }

    [Fact]
    public async Task The_bound_token_is_served_with_its_certificate_and_refused_with_another()
    {
        var token = await TokenFor(_api.ClientPresenting(_certificate));

        var statuses = new[]
        {
            (await Protected(_api.ClientPresenting(_certificate), token)).StatusCode,
            (await Protected(_api.ClientPresenting(PresentedCertificate.SelfSigned()), token)).StatusCode,
        };

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_requested_without_a_certificate_is_unbound()
    {
        var token = await TokenFor(_api.CreateClient());

        new JsonWebToken(token).TryGetPayloadValue<JsonElement>("cnf", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Where_certificate_binding_is_off_a_certificate_does_not_bind_the_token()
    {
        await using var off = new DevelopmentApiFactory();

        var token = await TokenFor(off.ClientPresenting(_certificate));

        new JsonWebToken(token).TryGetPayloadValue<JsonElement>("cnf", out _).Should().BeFalse();
    }

    private static async Task<string> TokenFor(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;

    private static Task<HttpResponseMessage> Protected(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/api/messages/protected");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
