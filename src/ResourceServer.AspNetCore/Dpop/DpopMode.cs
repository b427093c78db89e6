namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Which token schemes the API accepts. In every mode a DPoP-bound token (<c>cnf.jkt</c>) is accepted only
/// under the DPoP scheme with a valid proof: a stolen bound token must be useless as Bearer.</summary>
internal enum DpopMode
{
    /// <summary>Bearer and DPoP.</summary>
    Allowed,

    /// <summary>Only DPoP-bound tokens with proofs.</summary>
    Required,

    /// <summary>Only Bearer; the DPoP scheme is refused.</summary>
    Disabled,
}
