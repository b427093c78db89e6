using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Permissions;

namespace MessagesApi.Tests;

/// <summary>The endpoints that need a permission, read from their authorization metadata as the authorization middleware
/// reads it: what /dev/explain lists and the resource metadata's scopes_supported name.</summary>
public sealed class EndpointPermissionTests
{
    private const string Permission = "read:reports";

    [Fact]
    public async Task An_anonymous_endpoint_is_not_listed_whatever_policy_it_also_names()
    {
        var endpoint = Endpoint("/reports", [HttpMethods.Get], new AuthorizeAttribute(Permission), new AllowAnonymousAttribute());

        (await ReadAsync(endpoint)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_endpoint_answering_several_methods_is_named_with_each()
    {
        var endpoint = Endpoint("/reports", [HttpMethods.Get, HttpMethods.Head], new AuthorizeAttribute(Permission));

        (await ReadAsync(endpoint)).Should().ContainSingle().Which.Endpoint.Should().Be("GET, HEAD /reports");
    }

    private static RouteEndpoint Endpoint(string pattern, string[] methods, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection([.. metadata, new HttpMethodMetadata(methods)]), pattern);

    private static Task<IReadOnlyList<EndpointPermission>> ReadAsync(RouteEndpoint endpoint)
    {
        var options = new AuthorizationOptions();
        options.AddPolicy(Permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(Permission)));
        return EndpointPermission.ReadAsync(new DefaultEndpointDataSource(endpoint), new DefaultAuthorizationPolicyProvider(Options.Create(options)));
    }
}
