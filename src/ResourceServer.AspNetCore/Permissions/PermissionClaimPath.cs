using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>Where a provider puts permissions, as one value of <c>Auth0:PermissionClaims</c> names it: a top-level claim
/// name exactly as written (<c>permissions</c>, <c>scp</c>, <c>cognito:groups</c>, Auth0's namespaced
/// <c>https://example.com/roles</c>), or, starting with <c>/</c>, an RFC 6901 JSON Pointer through objects of the payload
/// (Keycloak's <c>/realm_access/roles</c>, <c>/resource_access/my.client/roles</c>; <c>~1</c> is <c>/</c> and <c>~0</c> is
/// <c>~</c> inside a segment). A JSON array's string elements are each one permission, matched whole; a JSON string is
/// space-delimited, as <c>scope</c> and <c>scp</c> are; anything else grants nothing.</summary>
internal sealed class PermissionClaimPath
{
    private readonly string _claim;
    private readonly string[] _members;

    public PermissionClaimPath(string path)
    {
        Path = path;
        Problem = ProblemWith(path);
        var segments = path.StartsWith('/') ? path[1..].Split('/').Select(Unescape).ToArray() : [path];
        _claim = segments[0];
        _members = segments[1..];
    }

    /// <summary>The setting as written.</summary>
    public string Path { get; }

    /// <summary>Why the setting cannot be read, in words that say what to write instead; null when it can.</summary>
    public string? Problem { get; }

    /// <summary>The permissions <paramref name="token"/> holds here, read from the claim set IdentityModel parsed once
    /// (it keeps arrays and objects as <see cref="JsonElement"/>s), never from the flattened claims, which cannot tell
    /// <c>["a b"]</c> from <c>"a b"</c>.</summary>
    public IEnumerable<string> Values(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<object>(_claim, out var value))
            return [];
        return value switch
        {
            string text when _members.Length == 0 => SpaceDelimited(text),
            JsonElement element when Resolve(element) is { } found => Permissions(found),
            _ => [],
        };
    }

    private JsonElement? Resolve(JsonElement element)
    {
        foreach (var member in _members)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(member, out element))
                return null;
        }
        return element;
    }

    private static IEnumerable<string> Permissions(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => SpaceDelimited(value.GetString()!),
        JsonValueKind.Array => value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray(),
        _ => [],
    };

    private static string[] SpaceDelimited(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string? ProblemWith(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return "which names no claim: write a claim name (permissions, scp, cognito:groups) or a JSON Pointer starting with / (/realm_access/roles).";
        if (path.StartsWith('/'))
            return path[1..].Split('/').All(IsEscaped) ? null
                : "which is not a JSON Pointer: inside a segment ~ is written ~0 and / is written ~1, and ~ is followed by nothing else.";
        // Before JSON Pointers, a dot reached into an object: refused rather than silently read as one claim's name.
        if (path.Contains('.') && !path.Contains('/') && !path.Contains(':'))
            return $"a dotted path, which is no longer read: write '/{string.Join('/', path.Split('.').Select(Escape))}' for the nested claim, or '/{Escape(path)}' for a top-level claim named so.";
        return null;
    }

    private static bool IsEscaped(string segment)
    {
        for (var i = segment.IndexOf('~'); i >= 0; i = segment.IndexOf('~', i + 2))
        {
            if (i + 1 == segment.Length || segment[i + 1] is not ('0' or '1'))
                return false;
        }
        return true;
    }

    // RFC 6901 §4: ~1 first, so that ~01 is ~1, not /.
    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
