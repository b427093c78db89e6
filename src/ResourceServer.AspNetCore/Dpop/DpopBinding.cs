using System.Text.Json;
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

    public async Task CheckAsync(TokenValidatedContext context)
    {
        var jwt = (JsonWebToken)context.SecurityToken;
        var bound = BoundThumbprint(jwt, out var otherBinding);
        if (!UsedDpop(context.HttpContext))
        {
            if (bound is not null)
                context.Fail(new DpopProofException(DpopProofException.InvalidToken, "dpop_bound_token_as_bearer", "The token is bound to a DPoP key: send it under the DPoP scheme with a proof."));
            else if (otherBinding)
                context.Fail(new DpopProofException(DpopProofException.InvalidToken, "unsupported_binding", "The token is bound to a key this API cannot check (cnf)."));
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
            if (await proofs.ValidateAsync(context.Request, jwt.EncodedToken, bound) is { } refusal)
                context.Fail(refusal);
        }
        // Whatever else a proof makes throw is a 401 like any refusal, counted and logged once through the rejection log
        // (as an unexpected fault of ours), never a 500: JwtBearer would rethrow it.
        catch (Exception unexpected)
        {
            context.Fail(unexpected);
        }
    }

    /// <summary>The token's <c>cnf.jkt</c>; <paramref name="otherBinding"/> when it carries a <c>cnf</c> of another kind
    /// (an mTLS certificate's <c>x5t#S256</c>, or one that is not an object).</summary>
    public static string? BoundThumbprint(JsonWebToken jwt, out bool otherBinding)
    {
        otherBinding = false;
        if (!jwt.TryGetPayloadValue<JsonElement>("cnf", out var cnf))
            return null;
        if (cnf.ValueKind == JsonValueKind.Object && cnf.TryGetProperty("jkt", out var jkt) && jkt.ValueKind == JsonValueKind.String && jkt.GetString() is { Length: > 0 } thumbprint)
            return thumbprint;
        otherBinding = true;
        return null;
    }
}
