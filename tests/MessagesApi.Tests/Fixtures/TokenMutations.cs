using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Ways to damage a valid token, for fuzzing: bit flips, truncation, segment swaps, base64 corruption, and
/// random JSON in the header or payload (re-signed or not).</summary>
public static class TokenMutations
{
    private static readonly string[] JsonFragments =
        ["null", "[]", "{}", "\"\"", "1e309", "-1", "true", "{\"alg\":null}", "[[[[[[[[[[]]]]]]]]]]", "\"\\u0000\"", "{\"exp\":\"x\"}", "9999999999999999999999"];

    public static string Mutate(string token, Random random, TestIssuer issuer)
    {
        var parts = token.Split('.');
        switch (random.Next(8))
        {
            case 0:
                var bytes = Encoding.ASCII.GetBytes(token);
                var index = random.Next(bytes.Length);
                bytes[index] ^= (byte)(1 << random.Next(7));
                return Encoding.ASCII.GetString(bytes);
            case 1:
                return token[..random.Next(token.Length)];
            case 2:
                return $"{parts[1]}.{parts[0]}.{parts[2]}";
            case 3:
                var chars = token.ToCharArray();
                chars[random.Next(chars.Length)] = "=+/!*#~ "[random.Next(8)];
                return new string(chars);
            case 4:
                return Base64UrlEncoder.Encode(RandomJson(random)) + "." + parts[1] + "." + parts[2];
            case 5:
                return parts[0] + "." + Base64UrlEncoder.Encode(RandomJson(random)) + "." + parts[2];
            case 6:
                return issuer.Token().With("exp", RandomJsonValue(random)).With("nbf", RandomJsonValue(random)).With("aud", RandomJsonValue(random)).Build()
                    + (random.Next(2) == 0 ? "" : "x");
            default:
                return string.Join('.', parts.Select(p => random.Next(3) == 0 ? p : new string(p.Reverse().ToArray())));
        }
    }

    private static string RandomJson(Random random) =>
        random.Next(2) == 0 ? JsonFragments[random.Next(JsonFragments.Length)] : "{\"alg\":\"RS256\",\"kid\":" + JsonFragments[random.Next(JsonFragments.Length)] + "}";

    private static object? RandomJsonValue(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => "soon",
        2 => new[] { 1, 2 },
        3 => -1,
        4 => long.MaxValue,
        _ => new Dictionary<string, object> { ["nested"] = true },
    };
}
