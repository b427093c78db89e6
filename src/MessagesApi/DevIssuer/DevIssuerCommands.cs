using Microsoft.Extensions.Options;

namespace MessagesApi.DevIssuer;

/// <summary>Command-line forms of the development issuer, which work without the server running:
/// <c>token [--permission P]... [--sub S] [--lifetime SECONDS] [--dpop]</c> prints a token (with <c>--dpop</c>, bound to
/// the development DPoP key); <c>dpop-proof --url URL [--method M] [--token T]</c> prints a proof signed with that key;
/// <c>rotate-dev-key</c> rotates the issuer's key.</summary>
internal static class DevIssuerCommands
{
    private const string DpopFlag = "--dpop";

    public static int? TryRun(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["token" or "dpop-proof" or "rotate-dev-key", ..])
            return null;
        if (!DevIssuerSetup.IsOn(builder))
            return Refuse("The development issuer exists only in Development with AUTH0_DOMAIN unset; get tokens from your issuer instead.");
        var options = DevIssuerSetup.CreateOptions(builder);
        if (args[0] == "rotate-dev-key")
        {
            var rotation = new DevSigningKeys(Options.Create(options)).Rotate();
            Console.WriteLine($"Signing with {rotation.Next.KeyId} from now on; {rotation.Previous.KeyId} stays published until the next rotation.");
            return 0;
        }
        var bound = args[0] == "token" && args.Contains(DpopFlag);
        var given = args[1..].Where(arg => !bound || arg != DpopFlag).Chunk(2).ToArray();
        if (given.FirstOrDefault(pair => pair.Length < 2 || !pair[0].StartsWith("--", StringComparison.Ordinal)) is { } malformed)
            return Refuse($"Expected --name value pairs, found '{string.Join(' ', malformed)}'.");
        return args[0] == "token" ? Token(options, given, bound) : DpopProof(options, given);
    }

    private static int Token(DevIssuerOptions options, string[][] given, bool bound)
    {
        if (DevTokenParameters.Refusal(given.Select(pair => pair[0][2..]), "--") is { } unknown)
            return Refuse(unknown);
        if (!DevTokenParameters.TryReadLifetime(Values(given, DevTokenParameters.Lifetime).LastOrDefault(), out var lifetime))
            return Refuse("--" + DevTokenParameters.LifetimeRule);
        var minter = new DevTokenMinter(new DevSigningKeys(Options.Create(options)), Options.Create(options), TimeProvider.System);
        var token = minter.Mint(Values(given, DevTokenParameters.Permission), Values(given, DevTokenParameters.Subject).LastOrDefault(), lifetime,
            bound ? new DevDpopKey(options).Thumbprint : null);
        Console.WriteLine(token.AccessToken);
        return 0;
    }

    private static int DpopProof(DevIssuerOptions options, string[][] given)
    {
        if (given.FirstOrDefault(pair => pair[0] is not ("--url" or "--method" or "--token")) is { } unknown)
            return Refuse($"Unknown option '{unknown[0]}'; use --url (required), --method (GET unless given), --token.");
        if (Values(given, "url").LastOrDefault() is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            return Refuse("--url is required: the http(s) URL the proof is for, e.g. --url http://localhost:6060/api/messages/protected.");
        var method = Values(given, "method").LastOrDefault() ?? HttpMethods.Get;
        // htu names the URL without its query and fragment (RFC 9449 §4.2).
        Console.WriteLine(new DevDpopKey(options).Proof(method.ToUpperInvariant(), target.GetLeftPart(UriPartial.Path), Values(given, "token").LastOrDefault()));
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
