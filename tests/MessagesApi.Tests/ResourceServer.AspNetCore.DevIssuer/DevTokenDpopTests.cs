using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The development issuer's /dev/token as a DPoP token endpoint (RFC 9449 §5).</summary>
public sealed class DevTokenDpopTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    // The development issuer is its own resource: PUBLIC_URL is http://localhost:{PORT} there, as a browser calls it.
    private const string Origin = "http://localhost:6060";
    private const string TokenUrl = Origin + "/dev/token";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_token_requested_with_a_proof_is_bound_to_the_proofs_key()
    {
        var body = await Ok(await RequestToken(HttpMethod.Get, "", TokenProof("GET")));

        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        jwt.GetPayloadValue<JsonElement>("cnf").GetProperty("jkt").GetString().Should().Be(_key.Thumbprint);
    }

    [Fact]
    public async Task A_token_requested_with_a_proof_is_of_type_dpop()
    {
        var body = await Ok(await RequestToken(HttpMethod.Get, "", TokenProof("GET")));

        body.GetProperty("token_type").GetString().Should().Be("DPoP");
    }

    [Fact]
    public async Task A_token_requested_without_a_proof_stays_an_unbound_bearer_token()
    {
        var body = await Ok(await RequestToken(HttpMethod.Get, "", proof: null));

        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        new JsonWebToken(body.GetProperty("access_token").GetString()).TryGetPayloadValue<JsonElement>("cnf", out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_bound_token_gets_the_protected_message_with_a_fresh_proof()
    {
        var token = (await Ok(await RequestToken(HttpMethod.Get, "", TokenProof("GET")))).GetProperty("access_token").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        request.Headers.Add("DPoP", _key.ProofFor("GET", Origin + "/api/messages/protected", token).Build());

        (await api.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_takes_the_parameters_from_a_form_and_binds_the_token()
    {
        var form = new FormUrlEncodedContent([new("permission", "read:admin-messages"), new("sub", "alice")]);

        var body = await Ok(await RequestToken(HttpMethod.Post, "", TokenProof("POST"), form));

        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        (jwt.Subject, jwt.GetPayloadValue<JsonElement>("cnf").GetProperty("jkt").GetString()).Should().Be(("alice", _key.Thumbprint));
        body.GetProperty("claims").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Equal("read:admin-messages");
    }

    [Fact]
    public async Task Post_refuses_a_body_that_is_not_a_form()
    {
        var response = await RequestToken(HttpMethod.Post, "", proof: null, JsonContent.Create(new { permission = "read:admin-messages" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be("Send the parameters as a form (application/x-www-form-urlencoded).");
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=abc")]
    public async Task Post_answers_a_form_it_cannot_read_with_400(string contentType)
    {
        var content = new StringContent("garbage");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await RequestToken(HttpMethod.Post, "", proof: null, content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Be("The form could not be read.");
    }

    [Fact]
    public async Task Post_refuses_an_unknown_form_field()
    {
        var response = await RequestToken(HttpMethod.Post, "", proof: null, new FormUrlEncodedContent([new("permissions", "read:admin-messages")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_proof_made_for_another_url_gets_400_invalid_dpop_proof()
    {
        var proof = _key.ProofFor("GET", Origin + "/api/messages/protected", "").Without("ath").Build();

        var response = await RequestToken(HttpMethod.Get, "", proof);

        await ShouldBeInvalidProof(response, "The DPoP proof's htu is not this request's URL.");
    }

    [Fact]
    public async Task A_proof_made_for_another_method_gets_400_invalid_dpop_proof()
    {
        var response = await RequestToken(HttpMethod.Post, "", TokenProof("GET"));

        await ShouldBeInvalidProof(response, "The DPoP proof's htm is not this request's method.");
    }

    [Fact]
    public async Task A_proof_used_for_a_token_before_gets_400_invalid_dpop_proof()
    {
        var proof = TokenProof("GET");
        await Ok(await RequestToken(HttpMethod.Get, "", proof));

        var replay = await RequestToken(HttpMethod.Get, "", proof);

        await ShouldBeInvalidProof(replay, "The DPoP proof was used before; make a new one for each request.");
    }

    [Fact]
    public async Task A_proof_signed_by_another_key_gets_400_invalid_dpop_proof()
    {
        var proof = _key.ProofFor("GET", TokenUrl, "").Without("ath").BuildSignedBy(new DpopKey());

        var response = await RequestToken(HttpMethod.Get, "", proof);

        await ShouldBeInvalidProof(response, "The DPoP proof's signature is invalid.");
    }

    [Fact]
    public async Task A_proof_keeps_the_query_out_of_htu()
    {
        var body = await Ok(await RequestToken(HttpMethod.Get, "?permission=read:admin-messages", TokenProof("GET")));

        body.GetProperty("token_type").GetString().Should().Be("DPoP");
    }

    [Theory]
    [InlineData("""{"kty":"EC"}""")]
    [InlineData("""{"kty":"RSA","n":"!!!!","e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""")]
    public async Task A_proof_whose_jwk_is_no_usable_public_key_gets_400_never_500(string jwk)
    {
        var proof = _key.ProofFor("GET", TokenUrl, "").Without("ath").WithHeader("jwk", JsonDocument.Parse(jwk).RootElement).Build();

        var response = await RequestToken(HttpMethod.Get, "", proof);

        await ShouldBeInvalidProof(response, "The DPoP proof's jwk is not a public key fit for its alg.");
    }

    private string TokenProof(string method) => _key.ProofFor(method, TokenUrl, "").Without("ath").Build();

    private Task<HttpResponseMessage> RequestToken(HttpMethod method, string query, string? proof, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, "/dev/token" + query) { Content = content };
        if (proof is not null)
            request.Headers.Add("DPoP", proof);
        return api.CreateClient().SendAsync(request);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ShouldBeInvalidProof(HttpResponseMessage response, string description)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        (body.GetProperty("error").GetString(), body.GetProperty("error_description").GetString()).Should().Be(("invalid_dpop_proof", description));
    }
}
