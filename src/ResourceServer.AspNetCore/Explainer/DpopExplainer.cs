using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>The explainer's DPoP line: whether the token is bound to a key, what the mode asks of it, and whether the
/// proof sent with it holds (every proof check but <c>htm</c>/<c>htu</c>, which name the request it was made for).</summary>
internal sealed class DpopExplainer(IOptions<DpopOptions> options, DpopProofValidator proofs)
{
    private readonly DpopMode _mode = options.Value.Mode;

    /// <summary>The line for <paramref name="token"/> as sent (its proof's <c>ath</c> hashes it), whose claims are
    /// <paramref name="jwt"/>: the token itself, or its issuer's introspection answer.</summary>
    public async Task<TokenCheck> CheckAsync(JsonWebToken jwt, string token, string? proof)
    {
        var cnf = Confirmation.Of(jwt);
        var bound = cnf.KeyThumbprint;
        var expected = _mode switch
        {
            DpopMode.Required => "bound to a key (cnf.jkt) and sent as DPoP with a proof",
            DpopMode.Disabled => "not bound (no cnf), sent as Bearer",
            _ => "not bound, sent as Bearer; or bound (cnf.jkt) and sent as DPoP with a proof",
        };
        if (cnf.Unsupported)
            return new("dpop", false, expected, "bound by a cnf this API cannot check (no jkt or x5t#S256 it can read)");
        if (cnf.BoundTwice)
            return new("dpop", false, expected, "bound both to a DPoP key (cnf.jkt) and to a certificate (cnf x5t#S256); one binding is accepted");
        if (bound is null)
            return proof is null
                ? new("dpop", _mode != DpopMode.Required, expected, cnf.CertificateThumbprint is null ? "not bound" : "not bound to a DPoP key (bound to a certificate)")
                : new("dpop", false, expected, "not bound, yet sent with a DPoP proof");
        if (_mode == DpopMode.Disabled)
            return new("dpop", false, expected, $"bound to key {bound}, and DPoP is disabled here");
        if (proof is null)
            return new("dpop", false, expected, $"bound to key {bound}, but no DPoP proof came with it");
        var refusal = await proofs.ExplainAsync(proof, token, bound);
        var made = DpopProof.Read(proof, out _) is { Method: { } method, Url: { } url } ? $"a proof for {method} {url}" : "a proof";
        return new("dpop", refusal is null, expected, refusal is null ? $"bound to key {bound}; {made} that holds" : $"bound to key {bound}; {made}: {refusal.Message}");
    }
}
