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
        {
            Console.Error.WriteLine("The development issuer exists only in Development with AUTH0_DOMAIN unset; get tokens from your issuer instead.");
            return 1;
        }
        var options = Options.Create(DevIssuerSetup.CreateOptions(builder));
        var keys = new DevSigningKeys(options);
        if (args[0] == "rotate-dev-key")
        {
            var rotation = keys.Rotate();
            Console.WriteLine($"Signing with {rotation.Next.KeyId} from now on; {rotation.Previous.KeyId} stays published until the next rotation.");
            return 0;
        }
        var token = new DevTokenMinter(keys, options, TimeProvider.System).Mint(
            Values(args, "--permission"), Values(args, "--sub").LastOrDefault(),
            Values(args, "--lifetime").LastOrDefault() is { } seconds ? TimeSpan.FromSeconds(int.Parse(seconds)) : null);
        Console.WriteLine(token.AccessToken);
        return 0;
    }

    private static string[] Values(string[] args, string name) =>
        args.Zip(args.Skip(1)).Where(pair => pair.First == name).Select(pair => pair.Second).ToArray();
}
