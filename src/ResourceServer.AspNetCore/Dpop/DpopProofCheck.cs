namespace ResourceServer.AspNetCore.Dpop;

/// <summary>What checking a DPoP proof found: the RFC 7638 thumbprint of its key when it holds, why not otherwise.</summary>
internal sealed record DpopProofCheck(string? Thumbprint, DpopProofException? Refusal)
{
    public static DpopProofCheck Refused(string reason, string description) => new(null, DpopProofException.Proof(reason, description));
}
