namespace ResourceServer.AspNetCore.Keys;

/// <summary>An issuer's discovery document naming another issuer than AUTH0_DOMAIN does: what was configured, what the
/// document names, and the AUTH0_DOMAIN that would trust it, said the same way in the log and on /readyz.</summary>
internal sealed record IssuerMismatch(string Configured, string? Named, string? Suggested)
{
    /// <summary>The mismatch of <paramref name="configured"/>, one of <paramref name="allConfigured"/>, whose document names
    /// <paramref name="named"/>: the suggestion replaces it and keeps the others. A name that is not an http(s) URL is
    /// neither repeated (it came from the network) nor suggested.</summary>
    public static IssuerMismatch Of(string configured, string? named, IReadOnlyList<string> allConfigured) =>
        IsUrl(named)
            ? new(configured, named, string.Join(",", allConfigured.Select(issuer => issuer == configured ? named : issuer)))
            : new(configured, null, null);

    public override string ToString() => Suggested is null
        ? $"AUTH0_DOMAIN names {Configured} but its discovery document names an issuer that is not a URL: check that AUTH0_DOMAIN is your issuer."
        : $"AUTH0_DOMAIN names {Configured} but its discovery document names {Named}: set AUTH0_DOMAIN={Suggested}.";

    private static bool IsUrl(string? named) =>
        Uri.IsWellFormedUriString(named, UriKind.Absolute) && new Uri(named!).Scheme is "https" or "http";
}
