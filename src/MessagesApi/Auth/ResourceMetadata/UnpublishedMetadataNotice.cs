using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

/// <summary>Says at start-up when no RFC 9728 metadata is published, and how to publish it.</summary>
internal sealed class UnpublishedMetadataNotice(IOptions<ProtectedResourceOptions> options, ILogger<UnpublishedMetadataNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Resource is null)
            logger.LogInformation(
                "No RFC 9728 metadata is published: PUBLIC_URL is not set, so 401 and 403 challenges carry no resource_metadata and {Path} answers 404. "
                + "To publish it, set PUBLIC_URL to the https URL clients call this API at, e.g. PUBLIC_URL=https://api.example.com.",
                ProtectedResourceMetadata.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
