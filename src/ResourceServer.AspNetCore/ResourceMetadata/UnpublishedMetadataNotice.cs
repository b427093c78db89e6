using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.ResourceMetadata;

/// <summary>Says at start-up, in one line, when PUBLIC_URL is unset: what that turns off (RFC 9728 metadata, DPoP) and how
/// to turn it on.</summary>
internal sealed class UnpublishedMetadataNotice(IOptions<ProtectedResourceOptions> options, ILogger<UnpublishedMetadataNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Resource is null)
            logger.LogInformation(
                "PUBLIC_URL is not set: no RFC 9728 metadata is published (challenges carry no resource_metadata and {Path} answers 404), "
                + "and DPoP requests are refused unless they come through a trusted proxy, as nothing else says which URL a proof must name. "
                + "Bearer tokens are served. To publish metadata and accept DPoP, set PUBLIC_URL to the https URL clients call this API at, e.g. PUBLIC_URL=https://api.example.com.",
                ProtectedResourceMetadata.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
