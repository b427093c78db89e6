namespace ResourceServer.AspNetCore.Keys;

/// <summary>What the last fetch of an issuer's keys came to; /readyz says it while no keys are loaded.</summary>
internal enum KeyFetchResult
{
    /// <summary>The issuer has not answered (yet): unreachable, an error status, a timeout, or no fetch finished.</summary>
    Unanswered,

    /// <summary>Its discovery document names another issuer (<see cref="IssuerSigningKeys.Mismatch"/>).</summary>
    IssuerRefused,

    /// <summary>Its JWKS holds no key the API may use.</summary>
    NoUsableKeys,

    Loaded,
}
