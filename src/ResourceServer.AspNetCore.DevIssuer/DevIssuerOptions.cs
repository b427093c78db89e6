using ResourceServer.AspNetCore;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>Settings of the built-in development issuer, from the "DevIssuer" section.</summary>
internal sealed class DevIssuerOptions
{
    public const string Section = "DevIssuer";

    /// <summary>The issuer's settings, bound from configuration once (see <see cref="SettingsBoundOnce"/>), with the issuer URL
    /// on <paramref name="port"/> and the audience the API expects.</summary>
    public static DevIssuerOptions Of(WebApplicationBuilder builder, int port)
    {
        return builder.Services.BindOnce<DevIssuerOptions, DevIssuerOptionsValidator>(() =>
        {
            var options = builder.Configuration.GetSection(Section).Get<DevIssuerOptions>() ?? new DevIssuerOptions();
            if (string.IsNullOrWhiteSpace(options.KeyFile))
                options.KeyFile = DefaultKeyFile(builder.Environment.ApplicationName);
            options.Issuer = $"http://localhost:{port}{DevIssuerEndpoints.IssuerPath}";
            options.Audience = Auth0Options.Of(builder).Audience ?? "";
            return options;
        });
    }

    /// <summary>Where the signing keys live: outside the repository, so they survive restarts and never get committed;
    /// by default under the application's name in the user's application data.</summary>
    public string KeyFile { get; set; } = "";

    private static string DefaultKeyFile(string applicationName) => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        applicationName, "dev-issuer-keys.json");

    /// <summary>Set at start-up: http://localhost:{PORT}/dev-issuer/.</summary>
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    public static readonly TimeSpan StandardTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The lifetime of tokens minted without one (the curl commands logged at start, <c>token</c>, /dev/token).</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = StandardTokenLifetime;

    /// <summary>The range /dev/token's <c>lifetime</c> accepts: a second to a day.</summary>
    public static readonly TimeSettingRange DefaultTokenLifetimeRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
}
