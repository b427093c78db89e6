using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Binding;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>The explainer's certificate line, for a token bound to a certificate (<c>cnf["x5t#S256"]</c>): whether the
/// certificate the request presented is that one, by the check the API makes.</summary>
internal sealed class CertificateExplainer(CertificateBinding binding)
{
    private const string Expected = "the client certificate whose SHA-256 thumbprint the token names (cnf x5t#S256), presented over TLS";

    /// <summary>Null for a token that names no certificate.</summary>
    public TokenCheck? Check(JsonWebToken jwt, string? presented)
    {
        if (Confirmation.Of(jwt).CertificateThumbprint is not { } bound)
            return null;
        var refusal = binding.Refusal(presented, bound);
        var found = presented is null ? "no client certificate" : $"a certificate with thumbprint {presented}";
        return new("certificate", refusal is null, Expected, refusal is null ? $"{found}, the one bound ({bound})" : $"{found}, bound to {bound}: {refusal.Message}");
    }
}
