namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary><c>--help</c> or <c>-h</c>, on a command: prints how to use it and exits 0, starting nothing.</summary>
internal static class HelpFlag
{
    public static bool IsAsked(string[] args) => args.Any(arg => arg is "--help" or "-h");

    public static int Print(string usage)
    {
        Console.WriteLine(usage.TrimEnd());
        return 0;
    }
}
