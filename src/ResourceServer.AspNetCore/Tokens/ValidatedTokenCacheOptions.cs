
namespace ResourceServer.AspNetCore.Tokens;

internal sealed class ValidatedTokenCacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Bounds memory under a flood of distinct valid tokens.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>An entry lives until the token's <c>exp</c>, and never longer than this.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A cached validation is reused without a signature check: at most an hour (tokens often live a day).</summary>
    public static readonly TimeSettingRange MaxLifetimeRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>How long a token that failed its signature or claims check is refused without another check; zero turns
    /// this off. Short: it only has to outlast a client's burst of retries.</summary>
    public TimeSpan RejectedTokenLifetime { get; set; } = TimeSpan.FromSeconds(30);

    public static readonly TimeSettingRange RejectedTokenLifetimeRange = new(TimeSpan.Zero, TimeSpan.FromMinutes(10));
}
