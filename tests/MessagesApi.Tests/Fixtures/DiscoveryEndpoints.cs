using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Adds authorization_endpoint and token_endpoint to the discovery document the test issuer serves.</summary>
internal sealed class DiscoveryEndpoints(string authorization, string token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || !request.RequestUri!.AbsolutePath.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
            return response;
        var discovery = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        discovery["authorization_endpoint"] = authorization;
        discovery["token_endpoint"] = token;
        response.Content = JsonContent.Create(discovery);
        return response;
    }
}
