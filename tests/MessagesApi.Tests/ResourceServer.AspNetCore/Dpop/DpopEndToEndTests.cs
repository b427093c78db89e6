using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests;

/// <summary>DPoP (RFC 9449) end to end with real parts: npm's oidc-provider binds a token to the key of a real DPoP client
/// (oidc/dpop-client.mjs, oauth4webapi), which calls the built API with a fresh proof and then resends that exact request.</summary>
public sealed class DpopEndToEndTests(DpopEndToEndTests.Conversation conversation) : IClassFixture<DpopEndToEndTests.Conversation>
{
    [ProviderFact]
    public async Task The_provider_binds_the_token_to_the_key_that_signs_the_clients_proofs()
    {
        var run = await conversation.RunAsync();

        run.TokenType.Should().Be("DPoP");
        run.TokenPayload.GetProperty("cnf").GetProperty("jkt").GetString().Should().Be(Thumbprint(run.Call.ProofHeader.GetProperty("jwk")));
    }

    [ProviderFact]
    public async Task The_client_sends_the_proof_RFC_9449_describes()
    {
        var run = await conversation.RunAsync();
        var proof = run.Call;

        proof.ProofHeader.GetProperty("typ").GetString().Should().Be("dpop+jwt");
        proof.ProofHeader.GetProperty("alg").GetString().Should().Be("ES256");
        proof.ProofHeader.GetProperty("jwk").TryGetProperty("d", out _).Should().BeFalse("the proof carries the public key only");
        (await SignatureIsValid(proof)).Should().BeTrue("the proof is signed by the key in its jwk header");
        proof.ProofPayload.GetProperty("htm").GetString().Should().Be("GET");
        proof.ProofPayload.GetProperty("htu").GetString().Should().Be(run.ApiUrl.ToString());
        proof.ProofPayload.GetProperty("iat").GetInt64().Should().BeInRange(run.Started.ToUnixTimeSeconds(), run.Finished.ToUnixTimeSeconds());
        proof.ProofPayload.GetProperty("jti").GetString().Should().NotBeNullOrEmpty();
        proof.ProofPayload.GetProperty("ath").GetString().Should().Be(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(run.AccessToken))));
        proof.Authorization.Should().Be($"DPoP {run.AccessToken}");
    }

    [ProviderFact]
    public async Task A_fresh_proof_with_the_bound_token_gets_the_protected_message()
    {
        var call = (await conversation.RunAsync()).Call;

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, """{"text":"This is a protected message."}"""));
    }

    [ProviderFact]
    public async Task A_replayed_proof_is_refused_with_a_DPoP_challenge()
    {
        var run = await conversation.RunAsync();
        (run.Replay.Proof, run.Replay.Authorization).Should().Be((run.Call.Proof, run.Call.Authorization), "the replay resends the identical request");
        run.Call.Status.Should().Be(HttpStatusCode.OK, "a replay only means something once the proof was accepted");

        run.Replay.Status.Should().Be(HttpStatusCode.Unauthorized);
        run.Replay.WwwAuthenticate.Should().Contain("DPoP").And.Contain("error=\"invalid_dpop_proof\"");
    }

    [ProviderFact]
    public async Task The_bound_token_sent_as_Bearer_without_a_proof_is_refused()
    {
        var run = await conversation.RunAsync();
        using var client = run.Api.Client(run.AccessToken);

        var response = await client.GetAsync(run.ApiUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>The RFC 7638 SHA-256 thumbprint that cnf.jkt names.</summary>
    private static string Thumbprint(JsonElement jwk) => Base64UrlEncoder.Encode(new JsonWebKey(jwk.GetRawText()).ComputeJwkThumbprint());

    private static async Task<bool> SignatureIsValid(Exchange exchange)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(exchange.Proof, new TokenValidationParameters
        {
            IssuerSigningKey = new JsonWebKey(exchange.ProofHeader.GetProperty("jwk").GetRawText()),
            ValidTypes = ["dpop+jwt"],
            // A proof has no issuer, audience or exp: only its signature is checked here, its claims by the test.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        return result.IsValid;
    }

    /// <summary>The provider and the built API, started once for the class, and one run of the DPoP client against them.
    /// Started by the first test that asks, so a class whose tests are skipped starts nothing.</summary>
    public sealed class Conversation : IAsyncLifetime
    {
        private const string Audience = "https://messages-api.e2e";
        private static readonly TimeSpan ScriptLimit = TimeSpan.FromSeconds(30);

        private readonly TestCertificateAuthority _ca = new();
        private readonly OidcProviderProcess _provider;
        private readonly Lazy<Task<DpopRun>> _run;
        private ApiProcess? _api;

        public Conversation()
        {
            _provider = new OidcProviderProcess(_ca, Audience);
            _run = new Lazy<Task<DpopRun>>(StartAsync);
        }

        public Task<DpopRun> RunAsync() => _run.Value;

        public Task InitializeAsync() => Task.CompletedTask;

        private async Task<DpopRun> StartAsync()
        {
            await _provider.StartAsync(OidcProviderProcess.NewKey());
            _api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["AUTH0_DOMAIN"] = _provider.Domain,
                ["AUTH0_AUDIENCE"] = Audience,
                ["SSL_CERT_FILE"] = _ca.CaFile,
                // Plain HTTP is a PUBLIC_URL only Development accepts; this test has no TLS in front of the API.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["PUBLIC_URL"] = "http://localhost:{port}",
            });
            var apiUrl = new Uri(_api.BaseAddress, "/api/messages/protected");

            var started = DateTimeOffset.UtcNow;
            var client = await ChildProcess.RunAsync(DpopClient(apiUrl), ScriptLimit);
            var finished = DateTimeOffset.UtcNow;

            client.ExitCode.Should().Be(0, client.StandardError);
            var steps = client.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var token = steps.Single(step => Step(step) == "token");
            return new DpopRun(
                _api, apiUrl, started, finished,
                token.GetProperty("token_type").GetString()!,
                token.GetProperty("access_token").GetString()!,
                Exchange.From(steps.Last(step => Step(step) == "call")),
                Exchange.From(steps.Single(step => Step(step) == "replay")));
        }

        private ProcessStartInfo DpopClient(Uri apiUrl)
        {
            var start = new ProcessStartInfo("node", ["dpop-client.mjs", _provider.Issuer, apiUrl.ToString()])
            {
                WorkingDirectory = Prerequisites.ProviderDirectory,
            };
            start.Environment["AUDIENCE"] = Audience;
            start.Environment["NODE_EXTRA_CA_CERTS"] = _ca.CaFile;
            return start;
        }

        private static string? Step(JsonElement line) => line.GetProperty("step").GetString();

        public async Task DisposeAsync()
        {
            if (_api is not null)
                await _api.DisposeAsync();
            await _provider.DisposeAsync();
            _ca.Dispose();
        }
    }

    /// <summary>What the DPoP client got and did: its bound token, its call with a fresh proof, and the replay of that call.</summary>
    public sealed record DpopRun(
        ApiProcess Api, Uri ApiUrl, DateTimeOffset Started, DateTimeOffset Finished,
        string TokenType, string AccessToken, Exchange Call, Exchange Replay)
    {
        /// <summary>Decoded here from the token itself, not taken from the client's report.</summary>
        public JsonElement TokenPayload => JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(AccessToken).EncodedPayload)).RootElement;
    }

    /// <summary>One request the client sent to the API, exactly as sent, and the API's answer.</summary>
    public sealed record Exchange(HttpStatusCode Status, string? WwwAuthenticate, string Body, string Authorization, string Proof)
    {
        public JsonElement ProofHeader => Decode(0);

        public JsonElement ProofPayload => Decode(1);

        public static Exchange From(JsonElement line) => new(
            (HttpStatusCode)line.GetProperty("status").GetInt32(),
            line.GetProperty("www_authenticate").GetString(),
            line.GetProperty("body").GetString()!,
            line.GetProperty("authorization").GetString()!,
            line.GetProperty("proof").GetString()!);

        private JsonElement Decode(int part) => JsonDocument.Parse(Base64UrlEncoder.Decode(Proof.Split('.')[part])).RootElement;
    }
}
