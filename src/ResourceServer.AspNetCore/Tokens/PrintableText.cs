namespace ResourceServer.AspNetCore.Tokens;

/// <summary>A value taken from a token, as a log line or a refusal may show it: as it is when it is short printable ASCII,
/// else <see cref="Unprintable"/>, so a token can never write a line break, a control character or a page of its own
/// text there.</summary>
internal static class PrintableText
{
    public const string Unprintable = "(unprintable)";

    public static string Of(string? value, int maxLength) =>
        value is not null && value.Length <= maxLength && IsPrintable(value) ? value : Unprintable;

    /// <summary>As <see cref="Of"/>, but a longer printable value is cut to <paramref name="maxLength"/> and marked "…".</summary>
    public static string Cut(string value, int maxLength) =>
        !IsPrintable(value) ? Unprintable : value.Length <= maxLength ? value : value[..maxLength] + "…";

    private static bool IsPrintable(string value) => value.All(static c => c is >= ' ' and <= '~');
}
