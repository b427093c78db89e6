namespace ResourceServer.AspNetCore;

/// <summary>The values a time setting accepts, checked at start-up: a value that would later overflow a timer or a
/// date is refused with one line naming the setting instead.</summary>
internal sealed record TimeSettingRange(TimeSpan Min, TimeSpan Max)
{
    public bool Contains(TimeSpan value) => value >= Min && value <= Max;

    /// <summary>Null when <paramref name="value"/> is in range; otherwise the line that names the setting and its range.</summary>
    public string? Refusal(string setting, TimeSpan value, TimeSpan example) =>
        Contains(value) ? null : $"{setting} is {Show(value)}; use a time from {Show(Min)} to {Show(Max)}, e.g. {setting.Replace(":", "__")}={Show(example)}.";

    // "00:00:00.1000000" reads as "00:00:00.1".
    private static string Show(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? value.ToString("c") : value.ToString("c").TrimEnd('0');
}
