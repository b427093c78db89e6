using System.Globalization;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>What a development token can be asked for, in /dev/token's query and as the token command's options:
/// <c>permission</c> (repeatable), <c>sub</c> and <c>lifetime</c> in seconds. Anything else is refused by name, so a
/// misspelling such as <c>permissions</c> cannot quietly give a token without the permission.</summary>
internal static class DevTokenParameters
{
    public const string Permission = "permission";
    public const string Subject = "sub";
    public const string Lifetime = "lifetime";

    private const int MaxLifetimeSeconds = 86_400;

    public static readonly string LifetimeRule = $"{Lifetime} is in seconds, from 1 to {MaxLifetimeSeconds}.";

    private static readonly string[] Names = [Permission, Subject, Lifetime];

    /// <summary>Null when every name is known; otherwise one line naming the unknown one and the accepted ones.</summary>
    public static string? Refusal(IEnumerable<string> names, string prefix = "") =>
        names.FirstOrDefault(name => !Names.Contains(name, StringComparer.Ordinal)) is { } unknown
            ? $"Unknown parameter '{prefix}{unknown}'; use {prefix}{Permission} (repeatable), {prefix}{Subject}, {prefix}{Lifetime}."
            : null;

    /// <summary>A lifetime in whole seconds within the range; no value means the default.</summary>
    public static bool TryReadLifetime(string? value, out TimeSpan? lifetime)
    {
        lifetime = null;
        if (string.IsNullOrEmpty(value))
            return true;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxLifetimeSeconds)
            return false;
        lifetime = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
