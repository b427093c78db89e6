using Microsoft.IdentityModel.Tokens;
using MessagesApi.Web;

namespace MessagesApi.Auth;

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

    /// <summary>Proofs the in-process replay cache remembers at once; past it, DPoP requests get 503 rather than an
    /// unchecked pass.</summary>
    public int MaxRememberedProofs { get; set; } = 1_000_000;

    public void ResolveLists(IConfiguration configuration) =>
        Algorithms = Auth0Options.ListOrDefault(Algorithms, configuration[$"{Section}:{nameof(Algorithms)}"], DefaultAlgorithms);
}
