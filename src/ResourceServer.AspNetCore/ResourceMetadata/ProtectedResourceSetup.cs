namespace ResourceServer.AspNetCore.ResourceMetadata;

internal static class ProtectedResourceSetup
{
    /// <summary>PUBLIC_URL as the RFC 9728 resource, validated at start; in Development it defaults to
    /// http://localhost:{PORT} (the host's <see cref="LocalPort"/>). Elsewhere, unset means nothing is published: challenges carry no <c>resource_metadata</c>
    /// and the metadata document answers 404, since the API cannot know the URL its clients call.</summary>
    public static WebApplicationBuilder AddProtectedResourceMetadata(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.BindOnce<ProtectedResourceOptions, ProtectedResourceOptionsValidator>(
            () => builder.Configuration.Get<ProtectedResourceOptions>() ?? new ProtectedResourceOptions());
        builder.Services.AddOptions<ProtectedResourceOptions>()
            .PostConfigure<IServiceProvider>((options, services) =>
            {
                if (string.IsNullOrWhiteSpace(options.PublicUrl) && development && services.GetService<LocalPort>() is { } local)
                    options.PublicUrl = $"http://localhost:{local.Port}";
            });
        builder.Services.AddHostedService<UnpublishedMetadataNotice>();
        return builder;
    }
}
