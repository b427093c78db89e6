namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Opaque (reference) access tokens, asked about at the issuer's introspection endpoint (RFC 7662), section
/// <c>Auth0:Introspection</c>: on once <see cref="ClientId"/> is set, with the API authenticating as that confidential
/// client by <see cref="ClientSecret"/> (<c>client_secret_basic</c>) or <see cref="PrivateKeyFile"/>
/// (<c>private_key_jwt</c>).</summary>
internal sealed class IntrospectionOptions
{
    public const string Section = "Auth0:Introspection";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PEM file holding the RSA or EC private key the API signs its client assertions with.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The introspection endpoint; unset, the one the issuer's discovery document names.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The trusted issuer (one of <c>AUTH0_DOMAIN</c>'s) whose endpoint is asked; unset, the only one there is.</summary>
    public string? Issuer { get; set; }

    /// <summary>How long an active answer is reused before the issuer is asked again, at most until the token's
    /// <c>exp</c>: a revoked token is refused within this time.</summary>
    public TimeSpan CacheMaxLifetime { get; set; } = TimeSpan.FromMinutes(1);

    public static readonly TimeSettingRange CacheMaxLifetimeRange = new(TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>Calls to the endpoint in flight at once, every client together; past it, requests with uncached opaque
    /// tokens get 503 rather than queue behind a slow issuer.</summary>
    public int MaxConcurrentCalls { get; set; } = 64;

    public bool Enabled => ClientId is { Length: > 0 };
}
