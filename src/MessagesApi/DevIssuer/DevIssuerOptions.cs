namespace MessagesApi.DevIssuer;

/// <summary>Settings of the built-in development issuer, from the "DevIssuer" section.</summary>
internal sealed class DevIssuerOptions
{
    public const string Section = "DevIssuer";

    /// <summary>Where the signing keys live: outside the repository, so they survive restarts and never get committed.</summary>
    public string KeyFile { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        "MessagesApi", "dev-issuer-keys.json");

    /// <summary>Set at start-up: http://localhost:{PORT}/dev-issuer/.</summary>
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
