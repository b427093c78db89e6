using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore;

/// <summary>Which issuer the API trusts and how strictly it validates that issuer's tokens.</summary>
/// <remarks>
/// <see cref="Domain"/> and <see cref="Audience"/> come from AUTH0_DOMAIN and AUTH0_AUDIENCE, the names the
/// Auth0 samples use; the tuning settings come from the "Auth0" configuration section.
/// </remarks>
internal sealed class Auth0Options
{
    public const string Section = "Auth0";

    /// <summary>One or more comma-separated tenant domains (issuer https://{domain}/) or full issuer URLs.</summary>
    public string? Domain { get; set; }

    public string? Audience { get; set; }

    /// <summary>Allowed signing algorithms: Auth0:Algorithms:0, :1… or a comma-separated Auth0:Algorithms.</summary>
    /// <remarks>Empty until configured, because the configuration binder appends to a list it finds:
    /// <see cref="ResolveLists"/> gives RS256 only when nothing was configured.</remarks>
    public string[] Algorithms { get; set; } = [];

    // The framework's 5-minute default lets an expired token live far too long.
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long past its <c>exp</c> a token still passes. Development allows the framework's 5-minute default, for a drifting VM clock.</summary>
    public static readonly TimeSettingRange ClockSkewRange = new(TimeSpan.Zero, TimeSpan.FromMinutes(2));
    public static readonly TimeSettingRange DevelopmentClockSkewRange = new(TimeSpan.Zero, TimeSpan.FromMinutes(5));

    /// <summary>Where tokens hold permissions, each a <see cref="PermissionClaimPath"/>: a top-level claim name as written,
    /// or a JSON Pointer starting with <c>/</c> (Keycloak's <c>/realm_access/roles</c>). Empty until configured, like
    /// <see cref="Algorithms"/>; <see cref="ResolveLists"/> gives Auth0's <c>permissions</c> otherwise.</summary>
    public string[] PermissionClaims { get; set; } = [];

    /// <summary>Claims a token must carry to pass as an access token, each a <see cref="RequiredClaim"/>
    /// (<c>token_use=access</c>, or <c>azp</c> for present): for providers whose ID tokens share the access tokens' issuer,
    /// keys, <c>typ</c> and audience. None by default.</summary>
    public string[] RequiredClaims { get; set; } = [];

    /// <summary>The claim that must equal the audience: <c>aud</c>, or <c>client_id</c> for Amazon Cognito, whose access
    /// tokens carry no <c>aud</c>.</summary>
    public string AudienceClaim { get; set; } = AudienceClaims.Aud;

    /// <summary>Accept only RFC 9068 access tokens (<c>typ</c> at+jwt), for issuers that always type them; off, tokens
    /// without a typ or with JWT pass too, as most providers issue them.</summary>
    public bool RequireAccessTokenType { get; set; }

    /// <summary>Also read permissions from the space-delimited <c>scope</c> claim. Off: an Auth0 API without
    /// RBAC grants any scope a client asks for, so trusting it would let anyone become admin.</summary>
    public bool AcceptScopeAsPermissions { get; set; }

    /// <summary>How often keys are fetched ahead of time, so a key withdrawn from the JWKS is trusted at most this long.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Under a second, the refresher would hammer the issuer; over a day, a withdrawn key stays trusted too long.</summary>
    public static readonly TimeSettingRange KeyRefreshIntervalRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

    /// <summary>The shortest gap between two fetches caused by requests (an unknown <c>kid</c>, or no keys yet):
    /// short enough to follow back-to-back rotations, long enough that a flood of unknown kids cannot hammer the issuer.</summary>
    public TimeSpan OnDemandRefreshThrottle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Under 100 ms, unknown kids become a stream of fetches; over 10 minutes, tokens signed by a freshly
    /// rotated key are refused that long.</summary>
    public static readonly TimeSettingRange OnDemandRefreshThrottleRange = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));

    /// <summary>The longest a request waits on the issuer's discovery document or JWKS.</summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Under 100 ms, even a healthy issuer cannot answer; over 5 minutes, every proxy and client has long given up.</summary>
    public static readonly TimeSettingRange BackchannelTimeoutRange = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    public ValidatedTokenCacheOptions TokenCache { get; set; } = new();

    public IReadOnlyList<string> Issuers => ParseIssuers(Domain);

    /// <summary>The settings, bound from configuration once (see <see cref="SettingsBoundOnce"/>): the Auth0 section, with the Auth0
    /// samples' AUTH0_DOMAIN and AUTH0_AUDIENCE before Auth0:Domain and Auth0:Audience (a blank variable counts as unset,
    /// as <c>-e AUTH0_DOMAIN=</c> gives it), and the lists resolved.</summary>
    public static Auth0Options Of(WebApplicationBuilder builder) => builder.Services.BindOnce<Auth0Options, Auth0OptionsValidator>(() =>
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(Section).Get<Auth0Options>() ?? new Auth0Options();
        options.Domain = NonBlank(configuration["AUTH0_DOMAIN"]) ?? options.Domain;
        options.Audience = NonBlank(configuration["AUTH0_AUDIENCE"]) ?? options.Audience;
        options.ResolveLists(configuration);
        return options;
    });

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Runs after binding, for each list setting: the list bound from Auth0:X:0, :1…, else the comma-separated
    /// Auth0:X (which the binder ignores for an array), else the default.</summary>
    public void ResolveLists(IConfiguration configuration)
    {
        Algorithms = ListOrDefault(Algorithms, configuration[$"{Section}:{nameof(Algorithms)}"], [SecurityAlgorithms.RsaSha256]);
        PermissionClaims = ListOrDefault(PermissionClaims, configuration[$"{Section}:{nameof(PermissionClaims)}"], [TokenClaims.Permissions]);
        RequiredClaims = ListOrDefault(RequiredClaims, configuration[$"{Section}:{nameof(RequiredClaims)}"], []);
    }

    /// <summary>Where permissions are read: <see cref="PermissionClaims"/>, and <c>scope</c> when it is accepted too.</summary>
    public IReadOnlyList<PermissionClaimPath> PermissionPaths =>
        PermissionClaims.Append(AcceptScopeAsPermissions ? TokenClaims.Scope : null).OfType<string>().Select(path => new PermissionClaimPath(path)).ToArray();

    public IReadOnlyList<RequiredClaim> RequiredClaimRules => RequiredClaims.Select(claim => new RequiredClaim(claim)).ToArray();

    /// <summary>A list setting as bound (an array), else as a comma-separated string, else <paramref name="fallback"/>.</summary>
    internal static string[] ListOrDefault(string[] bound, string? commaSeparated, string[] fallback)
    {
        if (bound.Length > 0)
            return bound;
        var listed = (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return listed.Length > 0 ? listed : fallback;
    }

    /// <summary>"dev-abc.us.auth0.com" becomes "https://dev-abc.us.auth0.com/", Auth0's issuer; a full URL is the issuer
    /// exactly as written, since tokens' <c>iss</c> must match it exactly (Keycloak's, Okta's, Entra's and Cognito's
    /// issuers have a path and no trailing slash).</summary>
    public static IReadOnlyList<string> ParseIssuers(string? domains) =>
        (domains ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Contains("://", StringComparison.Ordinal) ? d : $"https://{d.TrimEnd('/')}/")
            .ToArray();

    /// <summary>A URL under the issuer, such as its discovery document: OpenID Connect Discovery §4 appends the path to
    /// the issuer without its trailing slash.</summary>
    public static string UnderIssuer(string issuer, string path) => issuer.TrimEnd('/') + path;
}
