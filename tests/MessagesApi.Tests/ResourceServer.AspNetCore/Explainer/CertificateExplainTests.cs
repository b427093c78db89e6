using System.Security.Cryptography.X509Certificates;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/explain on a certificate-bound token: whether the certificate the request presented is the one bound,
/// by the API's own check.</summary>
public sealed class CertificateExplainTests : IAsyncLifetime
{
    private readonly DevelopmentApiFactory _api = new DevelopmentApiFactory().WithSetting("Auth0:CertificateBinding:Enabled", "true");
    private readonly X509Certificate2 _certificate = PresentedCertificate.SelfSigned();

    [Fact]
    public async Task The_bound_certificate_presented_passes()
    {
        var check = await ExplainCertificate(_api.ClientPresenting(_certificate));

        (check.GetProperty("passed").GetBoolean(), check.GetProperty("found").GetString()).Should().Be(
            (true, $"a certificate with thumbprint {Thumbprint}, the one bound ({Thumbprint})"));
    }

    [Fact]
    public async Task Another_certificate_is_explained_as_the_api_refuses_it()
    {
        var other = PresentedCertificate.SelfSigned();

        var check = await ExplainCertificate(_api.ClientPresenting(other));

        (check.GetProperty("passed").GetBoolean(), check.GetProperty("found").GetString()).Should().Be((false,
            $"a certificate with thumbprint {PresentedCertificate.Thumbprint(other)}, bound to {Thumbprint}: The token is bound to another client certificate than the one presented."));
    }

    [Fact]
    public async Task No_certificate_is_explained_as_the_api_refuses_it()
    {
        var check = await ExplainCertificate(_api.CreateClient());

        (check.GetProperty("passed").GetBoolean(), check.GetProperty("found").GetString()).Should().Be((false,
            $"no client certificate, bound to {Thumbprint}: The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS."));
    }

    [Fact]
    public async Task An_unbound_token_has_no_certificate_line()
    {
        var token = (await _api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;
        var client = _api.ClientPresenting(_certificate);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var explanation = await client.GetFromJsonAsync<JsonElement>("/dev/explain");

        explanation.GetProperty("checks").EnumerateArray().Select(check => check.GetProperty("check").GetString()).Should().NotContain("certificate");
    }

    private string Thumbprint => PresentedCertificate.Thumbprint(_certificate);

    private async Task<JsonElement> ExplainCertificate(HttpClient client)
    {
        var token = (await _api.ClientPresenting(_certificate).GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var explanation = await client.GetFromJsonAsync<JsonElement>("/dev/explain");
        return explanation.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("check").GetString() == "certificate");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
