using Microsoft.Extensions.Options;
using MessagesApi.Web;

namespace MessagesApi.Auth;

internal static class ProtectedResourceSetup
{
    /// <summary>PUBLIC_URL as the RFC 9728 resource, validated at start; in Development it defaults to
    /// http://localhost:{PORT}. Elsewhere, unset means nothing is published: challenges carry no <c>resource_metadata</c>
    /// and the metadata document answers 404, since the API cannot know the URL its clients call.</summary>
    public static WebApplicationBuilder AddProtectedResourceMetadata(this WebApplicationBuilder builder)
    {
        var developmentUrl = builder.Environment.IsDevelopment() ? $"http://localhost:{HostingOptions.PortFrom(builder.Configuration)}" : null;
        builder.Services.AddOptions<ProtectedResourceOptions>()
            .Bind(builder.Configuration)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.PublicUrl))
                    options.PublicUrl = developmentUrl;
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProtectedResourceOptions>, ProtectedResourceOptionsValidator>();
        builder.Services.AddHostedService<UnpublishedMetadataNotice>();
        return builder;
    }
}
