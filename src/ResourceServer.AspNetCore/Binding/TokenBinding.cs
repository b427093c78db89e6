using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Dpop;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>What a valid token is bound to (<see cref="Confirmation"/>), checked on every request beside the token check,
/// whose cache knows nothing of bindings: a DPoP key by the proof sent with it (<see cref="DpopBinding"/>), a certificate
/// by the client's (<see cref="CertificateBinding"/>). A token bound both ways, or in a way this API cannot check, is
/// refused.</summary>
internal sealed class TokenBinding(DpopBinding dpop, CertificateBinding certificates)
{
    public Task CheckAsync(TokenValidatedContext context)
    {
        var cnf = Confirmation.Of((JsonWebToken)context.SecurityToken);
        if (cnf.Unsupported)
            context.Fail(new TokenBindingException(TokenBindingException.Unsupported, "The token is bound to a key this API cannot check (cnf)."));
        else if (cnf.BoundTwice)
            context.Fail(new TokenBindingException(TokenBindingException.BoundTwice,
                "The token is bound both to a DPoP key and to a client certificate (cnf); one binding is accepted."));
        else if (cnf.KeyThumbprint is not null || DpopBinding.UsedDpop(context.HttpContext))
            return dpop.CheckAsync(context, cnf.KeyThumbprint);
        else if (cnf.CertificateThumbprint is { } bound && certificates.Refusal(context.HttpContext, bound) is { } refusal)
            context.Fail(refusal);
        return Task.CompletedTask;
    }
}
