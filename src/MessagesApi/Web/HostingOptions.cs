using Microsoft.Extensions.Configuration;

namespace MessagesApi.Web;

/// <summary>Where the API listens and which web apps may call it, under the Auth0 samples' variable names.</summary>
internal sealed class HostingOptions
{
    public const int DefaultPort = 6060;

    [ConfigurationKeyName("PORT")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>One origin, or several separated by commas.</summary>
    [ConfigurationKeyName("CLIENT_ORIGIN_URL")]
    public string ClientOriginUrl { get; set; } = "http://localhost:4040";

    /// <summary>PORT as early start-up code needs it, before options exist; a bad value is reported by validation later.</summary>
    public static int PortFrom(IConfiguration configuration) =>
        int.TryParse(configuration["PORT"], out var port) ? port : DefaultPort;

    public IReadOnlyList<string> ClientOrigins =>
        ClientOriginUrl.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => origin.TrimEnd('/'))
            .ToArray();
}
