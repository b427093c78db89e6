namespace ResourceServer.AspNetCore;

/// <summary>The tag of the health checks that say whether tokens can be validated now (the signing keys, DPoP's Redis):
/// a readiness endpoint includes the checks that carry it.</summary>
public static class HealthTags
{
    /// <summary>The tag itself: <c>ready</c>.</summary>
    public const string Ready = "ready";
}
