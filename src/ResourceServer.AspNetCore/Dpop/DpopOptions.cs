using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>DPoP (RFC 9449), section <c>Auth0:Dpop</c>.</summary>
internal sealed class DpopOptions
{
    public const string Section = "Auth0:Dpop";

    public DpopMode Mode { get; set; } = DpopMode.Allowed;

    /// <summary>Proof algorithms accepted; asymmetric only. Empty until configured; <see cref="ResolveLists"/> gives the defaults.</summary>
    public string[] Algorithms { get; set; } = [];

    public static readonly string[] DefaultAlgorithms =
        [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSha256];

    /// <summary>How old a proof's <c>iat</c> may be (plus <c>Auth0:ClockSkew</c> either way). Its <c>jti</c> is remembered
    /// that long, so the window is also how much the replay cache holds.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    public static readonly TimeSettingRange ProofMaxAgeRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

    /// <summary>Demand a server-issued nonce in every proof (RFC 9449 §9).</summary>
    public bool RequireNonce { get; set; }

    /// <summary>The secret nonces are derived from, shared by every replica; random per process when unset, which serves one.</summary>
    public string? NonceKey { get; set; }

    /// <summary>How long a nonce is current; the previous one is still accepted, so a nonce lives up to twice this.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public static readonly TimeSettingRange NonceLifetimeRange = new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));

    /// <summary>A StackExchange.Redis configuration string: when set, used proofs are remembered in Redis, for every replica.</summary>
    public string? Redis { get; set; }

    /// <summary>Proofs the in-process replay store remembers at once, every key together; past it, DPoP requests get 503
    /// rather than an unchecked pass. Each is kept about <see cref="ProofMaxAge"/> plus twice <c>Auth0:ClockSkew</c>
    /// (3¼ minutes at the defaults, 28 bytes each): the default fills only above about 20,000 proofs a second, more than
    /// one core verifies.</summary>
    public int MaxRememberedProofs { get; set; } = 4_000_000;

    /// <summary>The largest fraction of <see cref="MaxRememberedProofs"/> one proof key (JWK thumbprint) may hold: a key
    /// over it gets 429 on its own while the others carry on. A quarter by default, so one key can never fill the store,
    /// and four would each need about 5,000 proofs a second to do it.</summary>
    public double MaxKeyShare { get; set; } = 0.25;

    public const double MinKeyShare = 0.000_001;

    /// <summary>How many proofs one key may have remembered at once: its <see cref="MaxKeyShare"/>, at least one.</summary>
    public int ProofsPerKey => Math.Max(1, (int)(MaxRememberedProofs * MaxKeyShare));

    public void ResolveLists(IConfiguration configuration) =>
        Algorithms = Auth0Options.ListOrDefault(Algorithms, configuration[$"{Section}:{nameof(Algorithms)}"], DefaultAlgorithms);
}
