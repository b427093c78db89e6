using Microsoft.AspNetCore.Authorization;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>An endpoint that answers only tokens holding every one of <see cref="Permissions"/>, read from its
/// authorization metadata as the authorization middleware reads it, so a new endpoint or policy needs no list kept here.</summary>
internal sealed record EndpointPermission(string Endpoint, IReadOnlyList<string> Permissions)
{
    public static async Task<IReadOnlyList<EndpointPermission>> ReadAsync(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies)
    {
        var found = new List<EndpointPermission>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                continue;
            var permissions = await RequiredBy(endpoint.Metadata, policies);
            if (permissions.Count > 0)
                found.Add(new(Describe(endpoint), permissions));
        }
        return found;
    }

    /// <summary>Every permission some endpoint requires, each once: the scopes a client may ask for.</summary>
    public static async Task<IReadOnlyList<string>> AllRequiredAsync(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies) =>
        (await ReadAsync(endpoints, policies)).SelectMany(endpoint => endpoint.Permissions).Distinct().ToArray();

    /// <summary>The permissions an endpoint with <paramref name="metadata"/> needs: its named policies and policy objects
    /// combined as the authorization middleware combines them.</summary>
    public static async Task<IReadOnlyList<string>> RequiredBy(IReadOnlyList<object> metadata, IAuthorizationPolicyProvider policies)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
        return policy?.Requirements.OfType<PermissionRequirement>().Select(r => r.Permission).Distinct().ToArray() ?? [];
    }

    private static string Describe(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } methods
            ? $"{string.Join(", ", methods.HttpMethods)} {endpoint.RoutePattern.RawText}"
            : endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "";
}
