using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.ResourceMetadata;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Every check of RFC 9449 §4.3 on a DPoP proof, cheapest first, the signature and the replay cache last: for
/// a request to the API with a bound access token, for a token request (§5, the development issuer's), and for the
/// explainer. Returns why the proof is refused, or null when it holds.</summary>
internal sealed class DpopProofValidator(
    IOptions<DpopOptions> options, IOptions<Auth0Options> auth0, IOptions<ProtectedResourceOptions> resource,
    DpopProofKeys keys, IDpopReplayCache replays, DpopNonces nonces, TimeProvider time)
{
    public const string HeaderName = "DPoP";
    public const string ProofType = "dpop+jwt";
    public const string PublicUrlUnset = "dpop_public_url_unset";

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = DpopProof.MaxLength };
    private readonly HashSet<string> _algorithms = new(options.Value.Algorithms, StringComparer.Ordinal);
    private readonly TimeSpan _maxAge = options.Value.ProofMaxAge;
    private readonly TimeSpan _skew = auth0.Value.ClockSkew;
    private readonly bool _requireNonce = options.Value.RequireNonce;
    private readonly string? _publicUrl = resource.Value.Resource;

    /// <summary>The proof sent to the API with <paramref name="accessToken"/>, which is bound to <paramref name="boundThumbprint"/>.</summary>
    public async Task<DpopProofException?> ValidateAsync(HttpRequest request, string accessToken, string boundThumbprint) =>
        (await CheckAsync(request.Headers[HeaderName], Target(request), new Binding(accessToken, boundThumbprint), request.HttpContext.RequestAborted)).Refusal;

    /// <summary>The proof sent with a token request (RFC 9449 §5): no access token yet, so no <c>ath</c>; the new token
    /// is to be bound to <see cref="DpopProofCheck.Thumbprint"/>.</summary>
    public Task<DpopProofCheck> ValidateTokenRequestAsync(HttpRequest request) =>
        CheckAsync(request.Headers[HeaderName], Target(request), binding: null, request.HttpContext.RequestAborted);

    /// <summary>For people: every check but the ones that need the request the proof was made for (its <c>htm</c> and
    /// <c>htu</c>), and without remembering its <c>jti</c>, so explaining a proof does not use it up.</summary>
    public async Task<DpopProofException?> ExplainAsync(string proof, string accessToken, string boundThumbprint) =>
        (await CheckAsync(proof, target: null, new Binding(accessToken, boundThumbprint), CancellationToken.None)).Refusal;

    private sealed record Binding(string AccessToken, string Thumbprint);

    private async Task<DpopProofCheck> CheckAsync(StringValues header, (string Method, Uri? Url)? target, Binding? binding, CancellationToken aborted)
    {
        if (header.Count != 1 || string.IsNullOrEmpty(header[0]) || header[0]!.Contains(','))
            return DpopProofCheck.Refused("dpop_proof_missing", "Send exactly one DPoP header holding a proof.");
        if (DpopProof.Read(header[0]!, out var broken) is not { } proof)
            return DpopProofCheck.Refused("dpop_proof_malformed",
                broken is null ? "The DPoP proof is not a well-formed JWT." : $"The DPoP proof is malformed: {broken.Rule}.");
        if (Shape(proof) is { } badShape)
            return new(null, badShape);
        if (target is { } expected && proof.Method != expected.Method)
            return DpopProofCheck.Refused("dpop_proof_method", "The DPoP proof's htm is not this request's method.");
        if (target is { Url: null })
            return new(null, new DpopProofException(DpopProofException.InvalidToken, PublicUrlUnset,
                "This API cannot check which URL a DPoP proof names until PUBLIC_URL is set to the URL clients call it at."));
        if (target is { } request && !DpopTargetUri.Matches(proof.Url!, request.Url!))
            return DpopProofCheck.Refused("dpop_proof_url", "The DPoP proof's htu is not this request's URL.");
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(proof.IssuedAt!.Value, 0, 253_402_300_799));
        var now = time.GetUtcNow();
        if (issuedAt > now + _skew || issuedAt < now - _maxAge - _skew)
            return DpopProofCheck.Refused("dpop_proof_iat", "The DPoP proof was not made just now (iat).");
        if (binding is not null && proof.AccessTokenHash != DpopProof.AccessTokenHashOf(binding.AccessToken))
            return DpopProofCheck.Refused("dpop_proof_ath", "The DPoP proof is not made for this access token (ath).");
        if (proof.Thumbprint is not { } thumbprint)
            return DpopProofCheck.Refused("dpop_proof_key", "The DPoP proof's jwk is not a public key fit for its alg.");
        // Compared before the key is built: a proof sent with a stolen bound token costs no key import.
        if (binding is not null && thumbprint != binding.Thumbprint)
            return new(null, new DpopProofException(DpopProofException.InvalidToken, "dpop_key_mismatch", "The access token is bound to another key than the DPoP proof's."));
        if (keys.Find(proof.Key!) is not { } key || !key.Algorithms.Contains(proof.Algorithm!))
            return DpopProofCheck.Refused("dpop_proof_key", "The DPoP proof's jwk is not a public key fit for its alg.");
        // Nonces are this API's (RFC 9449 §9), asked for on its own requests; a token request's are the issuer's business.
        if (_requireNonce && binding is not null && target is not null && !nonces.IsValid(proof.Nonce))
            return new(null, new DpopProofException(DpopProofException.UseNonce, "dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof."));
        if (!(await _handler.ValidateTokenAsync(proof.Jwt, key.Parameters)).IsValid)
            return DpopProofCheck.Refused(TokenRejection.DpopProofSignature, "The DPoP proof's signature is invalid.");
        if (target is not null && !await replays.TryRememberAsync(thumbprint, ReplayKey(thumbprint, proof.Id!), issuedAt + _maxAge + _skew + _skew, aborted))
            return DpopProofCheck.Refused(TokenRejection.DpopProofReplayed, "The DPoP proof was used before; make a new one for each request.");
        return new(thumbprint, null);
    }

    private (string Method, Uri? Url) Target(HttpRequest request) => (request.Method, DpopTargetUri.Of(request, _publicUrl));

    private DpopProofException? Shape(DpopProof proof)
    {
        if (proof.Type != ProofType)
            return DpopProofException.Proof("dpop_proof_type", "The DPoP proof's typ is not dpop+jwt.");
        if (proof.Algorithm is null || !_algorithms.Contains(proof.Algorithm))
            return DpopProofException.Proof("dpop_proof_algorithm", "The DPoP proof's alg is not accepted.");
        if (proof.Key is null || proof.KeyHasPrivateMembers)
            return DpopProofException.Proof("dpop_proof_key", "The DPoP proof's jwk must be a public key.");
        if (string.IsNullOrEmpty(proof.Id) || proof.Id.Length > 256 || proof.Method is null || proof.Url is null || proof.IssuedAt is null)
            return DpopProofException.Proof("dpop_proof_claims", "The DPoP proof lacks jti, htm, htu or iat.");
        return null;
    }

    private static string ReplayKey(string thumbprint, string id) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{thumbprint}.{id}")));
}
