using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Auth;

/// <summary>Where a provider puts permissions: a claim name (<c>permissions</c> for Auth0, <c>scp</c> for Okta and
/// Entra ID, <c>cognito:groups</c>), or a dotted path into a JSON object (Keycloak's <c>realm_access.roles</c>). The value
/// may be an array of strings or one space-delimited string; each permission is matched exactly.</summary>
internal sealed class PermissionClaimPath(string path)
{
    private readonly string[] _segments = path.Split('.');

    public string Path => path;

    public bool IsValid => _segments.All(segment => segment.Trim().Length > 0);

    public bool Grants(ClaimsPrincipal user, string permission) => Values(user).Contains(permission, StringComparer.Ordinal);

    public IEnumerable<string> Values(ClaimsPrincipal user) =>
        user.FindAll(_segments[0]).SelectMany(claim => _segments.Length == 1 ? Top(claim) : Nested(claim)).SelectMany(SpaceDelimited);

    // A top-level array arrives as one string claim per element; a JSON object there names no permission.
    private static IEnumerable<string> Top(Claim claim) => claim.ValueType == JsonClaimValueTypes.Json ? [] : [claim.Value];

    private IEnumerable<string> Nested(Claim claim)
    {
        if (claim.ValueType != JsonClaimValueTypes.Json)
            return [];
        using var document = JsonDocument.Parse(claim.Value);
        var value = document.RootElement;
        foreach (var segment in _segments.Skip(1))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
                return [];
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray(),
            _ => [],
        };
    }

    private static IEnumerable<string> SpaceDelimited(string value) =>
        value.Contains(' ') ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [value];
}
