using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>DPoP around JwtBearer, beside the access-token check (which, with its cache, knows nothing of DPoP): which
/// scheme carries the token, read before any cryptography, and once the token is valid, its binding and the proof,
/// checked on every request.</summary>
internal sealed class DpopBinding(IOptions<DpopOptions> options, DpopProofValidator proofs, DpopNonces nonces)
{
    public const string NonceHeader = "DPoP-Nonce";

    private static readonly object DpopSchemeUsed = new();
    private readonly DpopMode _mode = options.Value.Mode;
    private readonly bool _requireNonce = options.Value.RequireNonce;

    /// <summary>Whether the request sent its token under the DPoP scheme.</summary>
    public static bool UsedDpop(HttpContext context) => context.Items.ContainsKey(DpopSchemeUsed);

    public void ReadToken(MessageReceivedContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 1)
        {
            context.Fail(new SecurityTokenMalformedException("Send one Authorization header."));
            return;
        }
        var value = authorization.ToString();
        if (AuthorizationHeader.IsScheme(value, AuthorizationHeader.Dpop))
        {
            if (_mode == DpopMode.Disabled)
            {
                context.Fail(new DpopProofException(DpopProofException.InvalidToken, "dpop_disabled", "The DPoP scheme is not accepted here; send the token as Bearer."));
                return;
            }
            context.HttpContext.Items[DpopSchemeUsed] = true;
            context.Token = AuthorizationHeader.TokenFrom(value);
        }
        else if (_mode == DpopMode.Required && AuthorizationHeader.IsScheme(value, AuthorizationHeader.Bearer))
            context.Fail(new DpopProofException(DpopProofException.InvalidToken, "dpop_required", "Only DPoP-bound tokens are accepted: send one under the DPoP scheme with a proof."));
    }

    /// <summary>The binding of a valid token sent as DPoP, or bound to a DPoP key (<paramref name="bound"/>, its
    /// <c>cnf.jkt</c>) and sent as Bearer.</summary>
    public async Task CheckAsync(TokenValidatedContext context, string? bound)
    {
        if (!UsedDpop(context.HttpContext))
        {
            context.Fail(new DpopProofException(DpopProofException.InvalidToken, "dpop_bound_token_as_bearer", "The token is bound to a DPoP key: send it under the DPoP scheme with a proof."));
            return;
        }
        if (_requireNonce)
            context.Response.Headers[NonceHeader] = nonces.Current;
        if (bound is null)
        {
            context.Fail(new DpopProofException(DpopProofException.InvalidToken, "dpop_unbound_token", "The token is not bound to a DPoP key (cnf.jkt)."));
            return;
        }
        try
        {
            // ath is the hash of the token as sent, which for an opaque token is not the claims its issuer answered with.
            if (await proofs.ValidateAsync(context.Request, AuthorizationHeader.TokenFrom(context.Request.Headers.Authorization.ToString()), bound) is { } refusal)
                context.Fail(refusal);
        }
        // Whatever else a proof makes throw is a 401 like any refusal, counted and logged once through the rejection log
        // (as an unexpected fault of ours), never a 500: JwtBearer would rethrow it.
        catch (Exception unexpected)
        {
            context.Fail(unexpected);
        }
    }
}
