using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>RFC 9449 §4.3 and §7.1 on each request to the API: one behaviour per test, with a token bound to a client's
/// key and a proof correct but for the part under test.</summary>
public sealed class DpopProofTests
{
    private const string Url = "https://localhost/api/messages/protected";

    private readonly ApiFactory _api = new ApiFactory().ServingDpop();
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_bound_token_with_a_fresh_proof_gets_the_protected_message()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_proof_used_before_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);
        var proof = _key.ProofFor("GET", Url, token).Build();
        (await Send(token, proof)).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await Send(token, proof);

        await ShouldBeRefused(replay, "invalid_dpop_proof", "The DPoP proof was used before; make a new one for each request.");
    }

    [Fact]
    public async Task A_bound_token_sent_as_bearer_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, proof: null, scheme: "Bearer");

        response.Should().BeRejectedWith("The token is bound to a DPoP key: send it under the DPoP scheme with a proof.");
    }

    [Fact]
    public async Task A_cached_bound_token_sent_as_bearer_is_still_refused()
    {
        var token = _key.BoundToken(_api.Issuer);
        (await Send(token, _key.ProofFor("GET", Url, token).Build())).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await Send(token, proof: null, scheme: "Bearer");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unbound_token_under_the_dpop_scheme_is_refused()
    {
        var token = _api.Issuer.Token().Build();

        var response = await Send(token, _key.ProofFor("GET", Url, token).Build());

        await ShouldBeRefused(response, "invalid_token", "The token is not bound to a DPoP key (cnf.jkt).");
    }

    [Fact]
    public async Task A_token_bound_to_another_key_is_refused()
    {
        var token = new DpopKey().BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).Build());

        await ShouldBeRefused(response, "invalid_token", "The access token is bound to another key than the DPoP proof's.");
    }

    [Fact]
    public async Task A_request_without_a_proof_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, proof: null);

        await ShouldBeRefused(response, "invalid_dpop_proof", "Send exactly one DPoP header holding a proof.");
    }

    [Fact]
    public async Task Two_proof_headers_are_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).Build(), secondProof: _key.ProofFor("GET", Url, token).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "Send exactly one DPoP header holding a proof.");
    }

    [Fact]
    public async Task A_proof_that_is_not_a_jwt_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, "not-a-jwt");

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is not a well-formed JWT.");
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    public async Task A_proof_typed_other_than_dpop_jwt_is_refused(string typ)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("typ", typ).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's typ is not dpop+jwt.");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES512")]
    public async Task A_proof_algorithm_not_accepted_is_refused(string alg)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("alg", alg).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's alg is not accepted.");
    }

    [Fact]
    public async Task A_proof_carrying_a_private_key_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("jwk", _key.PrivateJwk()).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's jwk must be a public key.");
    }

    [Fact]
    public async Task A_proof_not_signed_by_its_own_key_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).BuildSignedBy(new DpopKey()));

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's signature is invalid.");
    }

    [Fact]
    public async Task A_proof_for_another_method_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("POST", Url, token).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's htm is not this request's method.");
    }

    [Theory]
    [InlineData("https://localhost/api/messages/admin")]
    [InlineData("http://localhost/api/messages/protected")]
    [InlineData("https://localhost:8080/api/messages/protected")]
    [InlineData("https://user@localhost/api/messages/protected")]
    [InlineData("https://@localhost/api/messages/protected")]
    [InlineData("http://evil.example/api/messages/protected")]
    [InlineData("/api/messages/protected")]
    public async Task A_proof_for_another_url_is_refused(string htu)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", htu, token).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's htu is not this request's URL.");
    }

    [Theory]
    [InlineData("HTTPS://LOCALHOST/api/messages/protected")]
    [InlineData("https://localhost:443/api/messages/protected")]
    [InlineData("https://localhost/api/messages/./protected")]
    [InlineData("https://localhost/api/messages/%70rotected")]
    [InlineData("https://localhost/api/messages/protected?page=2#top")]
    public async Task A_proof_url_equal_after_rfc_3986_normalisation_is_accepted(string htu)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", htu, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_proof_made_for_another_access_token_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, _key.BoundToken(_api.Issuer)).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is not made for this access token (ath).");
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("htm")]
    [InlineData("htu")]
    [InlineData("iat")]
    public async Task A_proof_missing_a_required_claim_is_refused(string claim)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).Without(claim).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof lacks jti, htm, htu or iat.");
    }

    [Fact]
    public async Task A_proof_with_iat_as_a_string_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).With("iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString()).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is malformed: its exp, nbf and iat must be numbers (NumericDate).");
    }

    [Fact]
    public async Task A_proof_with_a_null_typ_is_refused_as_malformed()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("typ", null).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is malformed: its alg, kid and typ must be strings where present, alg present and kid not empty.");
    }

    // ProofMaxAge 2 minutes and ClockSkew 30 s: from 150 s before the API's (fake, whole-second) clock to 30 s after it.
    [Theory]
    [InlineData(-151)]
    [InlineData(31)]
    public async Task A_proof_made_outside_the_window_is_refused(int secondsFromNow)
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();
        var token = _key.BoundToken(api.Issuer);
        var iat = api.Clock!.GetUtcNow().AddSeconds(secondsFromNow).ToUnixTimeSeconds();

        var response = await Send(api, token, _key.ProofFor("GET", Url, token).With("iat", iat).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof was not made just now (iat).");
    }

    [Theory]
    [InlineData(-150)]
    [InlineData(30)]
    public async Task A_proof_made_inside_the_window_is_accepted(int secondsFromNow)
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();
        var token = _key.BoundToken(api.Issuer);
        var iat = api.Clock!.GetUtcNow().AddSeconds(secondsFromNow).ToUnixTimeSeconds();

        var response = await Send(api, token, _key.ProofFor("GET", Url, token).With("iat", iat).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refusal_offers_both_schemes_with_the_error_on_the_dpop_challenge()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, proof: null);

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            "Bearer resource_metadata=\"https://localhost/.well-known/oauth-protected-resource\", "
            + "DPoP error=\"invalid_dpop_proof\", error_description=\"Send exactly one DPoP header holding a proof.\", algs=\"ES256 ES384 PS256 RS256\"");
    }

    [Fact]
    public async Task When_the_replay_cache_is_full_a_proof_gets_503_never_a_pass()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:MaxRememberedProofs", "1");
        var token = _key.BoundToken(api.Issuer);
        (await Send(api, token, _key.ProofFor("GET", Url, token).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
        // Another key, under its share: the store itself is full.
        var other = new DpopKey();
        var otherToken = other.BoundToken(api.Issuer);

        var response = await Send(api, otherToken, other.ProofFor("GET", Url, otherToken).Build());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be("DPoP proofs cannot be checked for replay right now; try again shortly.");
    }

    [Theory]
    [InlineData("""{"kty":"EC"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"!!!!","y":"AAAA"}""")]
    [InlineData("""{"kty":"RSA"}""")]
    [InlineData("""{"kty":"RSA","n":"!!!!","e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""")]
    [InlineData("""{"kty":5}""")]
    public async Task A_proof_whose_jwk_is_no_usable_public_key_is_refused_never_a_500(string jwk)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("jwk", JsonDocument.Parse(jwk).RootElement).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's jwk is not a public key fit for its alg.");
    }

    [Fact]
    public async Task A_proof_whose_alg_does_not_fit_its_key_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("alg", "ES384").Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's jwk is not a public key fit for its alg.");
    }

    [Fact]
    public async Task A_proof_whose_jwk_is_not_an_object_is_refused_never_a_500()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("jwk", "a-key").Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's jwk must be a public key.");
    }

    [Theory]
    [InlineData("htm")]
    [InlineData("htu")]
    public async Task A_proof_whose_claim_is_not_a_string_is_refused_as_lacking_it_never_a_500(string claim)
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).With(claim, 7).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof lacks jti, htm, htu or iat.");
    }

    [Fact]
    public async Task A_proof_of_three_segments_that_are_not_json_is_refused_as_not_well_formed_never_a_500()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, "a.b.c");

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is not a well-formed JWT.");
    }

    [Fact]
    public async Task A_stolen_bound_token_with_the_thiefs_own_proof_is_refused_before_the_thiefs_key_is_built()
    {
        var token = _key.BoundToken(_api.Issuer);
        var thief = new DpopKey();

        var response = await Send(token, thief.ProofFor("GET", Url, token).Build());

        await ShouldBeRefused(response, "invalid_token", "The access token is bound to another key than the DPoP proof's.");
    }

    [Fact]
    public async Task A_proof_naming_critical_extensions_is_refused_as_an_access_token_is()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).WithHeader("crit", new[] { "exp" }).Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is malformed: it names critical header extensions (crit), which are not supported.");
    }

    [Fact]
    public async Task A_proof_whose_header_has_bytes_after_its_json_object_is_refused()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).EditHeaderJson(json => json + "x").Build());

        await ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof is malformed: its header and payload must each be exactly one JSON object in UTF-8, with no member named twice.");
    }

    [Fact]
    public async Task A_proof_with_a_fractional_iat_is_accepted_as_a_numeric_date()
    {
        var token = _key.BoundToken(_api.Issuer);

        var response = await Send(token, _key.ProofFor("GET", Url, token).With("iat", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> Send(string token, string? proof, string scheme = "DPoP", string? secondProof = null) =>
        Send(_api, token, proof, scheme, secondProof);

    internal static Task<HttpResponseMessage> Send(ApiFactory api, string token, string? proof, string scheme = "DPoP", string? secondProof = null,
        string path = "/api/messages/protected", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        if (proof is not null)
            request.Headers.Add("DPoP", proof);
        if (secondProof is not null)
            request.Headers.Add("DPoP", secondProof);
        configure?.Invoke(request);
        return api.CreateClient().SendAsync(request);
    }

    /// <summary>GET /api/messages/protected with a new token bound to <paramref name="key"/> and a proof for it.</summary>
    internal static Task<HttpResponseMessage> SendBound(ApiFactory api, DpopKey key)
    {
        var token = key.BoundToken(api.Issuer);
        return Send(api, token, key.ProofFor("GET", ApiFactory.LocalPublicUrl + "/api/messages/protected", token).Build());
    }

    internal static async Task ShouldBeRefused(HttpResponseMessage response, string error, string description)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain($"DPoP error=\"{error}\", error_description=\"{description}\"");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be(error);
    }
}
