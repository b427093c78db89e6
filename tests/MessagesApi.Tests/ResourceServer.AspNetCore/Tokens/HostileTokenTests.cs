using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests;

/// <summary>RFC 8725 attacks and malformed input: each gets a 401 with invalid_token naming the rule that stopped it,
/// never a 200 or a 500.</summary>
public sealed class HostileTokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private TokenBuilder Token() => api.Issuer.Token();

    [Fact]
    public async Task Hmac_token_keyed_with_the_public_jwk_is_rejected()
    {
        var secret = JsonSerializer.SerializeToUtf8Bytes(api.Issuer.CurrentKey.PublicJwk());
        var token = Token().WithHeader("alg", "HS256").BuildHmacWithSecret(secret);

        (await Admin(token)).Should().BeRejectedWith("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Empty_signature_is_rejected()
    {
        var token = Token().BuildWith(_ => []);

        (await Admin(token)).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Embedded_jwk_of_the_attackers_key_is_not_trusted()
    {
        var attacker = new SigningKey(api.Issuer.CurrentKey.KeyId);
        var token = Token().SignedWith(attacker).WithHeader("jwk", attacker.PublicJwk()).Build();

        (await Admin(token)).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Embedded_x5c_certificate_of_the_attackers_key_is_not_trusted()
    {
        var attacker = new SigningKey(api.Issuer.CurrentKey.KeyId);
        using var certificate = new CertificateRequest("CN=attacker", attacker.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var token = Token().SignedWith(attacker).WithHeader("x5c", new[] { Convert.ToBase64String(certificate.RawData) }).Build();

        (await Admin(token)).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    public async Task Key_url_headers_are_never_fetched(string header)
    {
        // A live socket: a fetch by any client other than the backchannel would connect to it.
        using var attackerHost = new TcpListener(IPAddress.Loopback, 0);
        attackerHost.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)attackerHost.LocalEndpoint).Port}/keys.json";
        var token = Token().SignedWith(new SigningKey()).WithHeader(header, url).Build();

        var response = await Admin(token);

        response.Should().BeRejectedWith("The token is signed with an unknown key (kid).");
        api.Issuer.RequestedUrls.Should().NotContain(url, "the backchannel fetches the issuer's keys, never a URL a token names");
        attackerHost.Pending().Should().BeFalse("no other client fetches it either");
    }

    [Fact]
    public async Task A_null_alg_header_is_rejected_as_malformed()
    {
        var response = await api.ClientWithToken(Token().WithHeader("alg", null).Build()).GetAsync("/api/messages/admin");

        response.Should().BeRejectedWith("The token is malformed: its alg, kid and typ must be strings where present, alg present and kid not empty.");
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("' OR '1'='1' --")]
    [InlineData("%00")]
    public async Task Hostile_kid_values_are_rejected(string kid)
    {
        var token = Token().WithHeader("kid", kid).Build();

        (await Admin(token)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task Very_long_kid_is_rejected()
    {
        var token = Token().WithHeader("kid", new string('k', 8_000)).Build();

        (await Admin(token)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task Unknown_critical_header_extension_is_rejected()
    {
        var token = Token().WithHeader("crit", new[] { "exp-extension" }).WithHeader("exp-extension", true).Build();

        (await Admin(token)).Should().BeRejectedWith("The token is malformed: it names critical header extensions (crit), which are not supported.");
    }

    [Fact]
    public async Task Encrypted_token_with_five_segments_is_rejected()
    {
        var jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";

        (await Admin(jwe)).Should().BeRejectedWith("The token is malformed.");
    }

    [Fact]
    public async Task Nested_jwt_as_payload_is_rejected()
    {
        var inner = Token().Build();
        var nested = Base64UrlEncoder.Encode("""{"alg":"RS256","typ":"JWT","cty":"JWT","kid":"x"}""") + "." + Base64UrlEncoder.Encode(inner) + ".c2ln";

        (await Admin(nested)).Should().BeRejectedWith("The token is malformed: its header and payload must each be exactly one JSON object in UTF-8, with no member named twice.");
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData(null)]
    public async Task Wrongly_typed_exp_is_rejected(string? exp)
    {
        var token = Token().With("exp", exp).Build();

        (await Admin(token)).Should().BeRejectedWith("The token is malformed: its exp, nbf and iat must be numbers (NumericDate).");
    }

    [Fact]
    public async Task Iat_far_in_the_future_is_rejected()
    {
        var token = Token().With("iat", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()).Build();

        (await Admin(token)).Should().BeRejectedWith("The token's lifetime claims are invalid.");
    }

    [Fact]
    public async Task Token_of_20_kilobytes_is_rejected()
    {
        var token = Token().With("padding", new string('p', 20_000)).Build();

        (await Admin(token)).Should().BeRejectedWith("The token is malformed.");
    }

    [Fact]
    public async Task Two_authorization_headers_are_rejected()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + Token().Build(), "Bearer " + Token().Build()]);

        (await api.CreateClient().SendAsync(request)).Should().BeRejectedWith("The token is malformed.");
    }

    [Theory]
    [InlineData("Bearer a b c")]
    [InlineData("Bearer \u00e9\u00e8.\u00ff.\u00e0")]
    [InlineData("Bearer ...")]
    public async Task Garbled_bearer_values_are_rejected(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        (await api.CreateClient().SendAsync(request)).Should().BeRejectedWith("The token is malformed.");
    }

    [Fact]
    public async Task Thousands_of_mutated_tokens_all_get_a_401_with_a_specific_reason_and_no_unexpected_exception()
    {
        // JwtBearer catches whatever the token handler throws and logs it at Information, below Production's level for
        // Microsoft.AspNetCore; these captured logs see it.
        using var verboseApi = new ApiFactory()
            .WithSetting($"Logging:{typeof(CapturedLogs).FullName}:LogLevel:Microsoft.AspNetCore.Authentication", "Information");
        var random = new Random(8725);
        var valid = verboseApi.Issuer.Token().WithPermissions("read:admin-messages").Build();
        var client = verboseApi.CreateClient();
        var statuses = new HashSet<HttpStatusCode>();
        var challenges = new HashSet<string>();

        foreach (var mutant in Enumerable.Range(0, 3000).Select(_ => TokenMutations.Mutate(valid, random, verboseApi.Issuer)).Where(m => m != valid))
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/admin");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + mutant);
            var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            challenges.Add(response.Headers.WwwAuthenticate.ToString());
        }

        statuses.Should().Equal(HttpStatusCode.Unauthorized);
        challenges.Should().NotContain(c => c.Contains("error_description=\"The token is invalid.\""), "that is the reason given for an exception nobody expected");
        verboseApi.Logs.Entries
            .Where(e => e.Level >= LogLevel.Error || e.Exception is not (null or SecurityTokenException or SecurityTokenArgumentException))
            .Should().BeEmpty();
    }

    private Task<HttpResponseMessage> Admin(string token) => api.ClientWithToken(token).GetAsync("/api/messages/admin");
}
