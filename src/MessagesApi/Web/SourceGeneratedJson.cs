using MessagesApi.Health;
using MessagesApi.Messages;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Rejections;
using ResourceServer.AspNetCore.ResourceMetadata;

namespace MessagesApi.Web;

internal static class SourceGeneratedJson
{
    /// <summary>The bodies the endpoints return are serialised by source-generated contexts: Native AOT has no
    /// reflection-based serialiser to fall back on.</summary>
    public static IServiceCollection AddSourceGeneratedJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            var resolvers = options.SerializerOptions.TypeInfoResolverChain;
            // Where the host allows reflection (the test host does), the chain starts with the reflection resolver; without
            // it, a body missing from the contexts fails every test that asks for it, as it fails under AOT.
            resolvers.Clear();
            resolvers.Add(MessageJson.Default);
            resolvers.Add(ErrorBodyJson.Default);
            resolvers.Add(ProtectedResourceMetadataJson.Default);
            resolvers.Add(TokenExplanationJson.Default);
            // Not a handler's body, but the OpenAPI document describes it.
            resolvers.Add(HealthBodyJson.Default);
        });
}
