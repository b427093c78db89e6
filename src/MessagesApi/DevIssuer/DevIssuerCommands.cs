using Microsoft.Extensions.Options;

namespace MessagesApi.DevIssuer;

/// <summary>Command-line forms of the development issuer, which work without the server running:
/// <c>token [--permission P]... [--sub S] [--lifetime SECONDS]</c> prints a token; <c>rotate-dev-key</c> rotates the key.</summary>
internal static class DevIssuerCommands
{
    public static int? TryRun(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["token" or "rotate-dev-key", ..])
            return null;
        if (!DevIssuerSetup.IsOn(builder))
            return Refuse("The development issuer exists only in Development with AUTH0_DOMAIN unset; get tokens from your issuer instead.");
        var options = Options.Create(DevIssuerSetup.CreateOptions(builder));
        var keys = new DevSigningKeys(options);
        if (args[0] == "rotate-dev-key")
        {
            var rotation = keys.Rotate();
            Console.WriteLine($"Signing with {rotation.Next.KeyId} from now on; {rotation.Previous.KeyId} stays published until the next rotation.");
            return 0;
        }
        var given = args[1..].Chunk(2).ToArray();
        if (given.FirstOrDefault(pair => pair.Length < 2 || !pair[0].StartsWith("--", StringComparison.Ordinal)) is { } malformed)
            return Refuse($"Expected --name value pairs, found '{string.Join(' ', malformed)}'.");
        if (DevTokenParameters.Refusal(given.Select(pair => pair[0][2..]), "--") is { } unknown)
            return Refuse(unknown);
        if (!DevTokenParameters.TryReadLifetime(Values(given, DevTokenParameters.Lifetime).LastOrDefault(), out var lifetime))
            return Refuse("--" + DevTokenParameters.LifetimeRule);
        var token = new DevTokenMinter(keys, options, TimeProvider.System).Mint(
            Values(given, DevTokenParameters.Permission), Values(given, DevTokenParameters.Subject).LastOrDefault(), lifetime);
        Console.WriteLine(token.AccessToken);
        return 0;
    }

    private static string[] Values(string[][] given, string name) =>
        given.Where(pair => pair[0] == "--" + name).Select(pair => pair[1]).ToArray();

    private static int Refuse(string reason)
    {
        Console.Error.WriteLine(reason);
        return 1;
    }
}
