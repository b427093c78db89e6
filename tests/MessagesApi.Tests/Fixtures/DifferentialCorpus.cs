using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The differential run: differential/generate.mjs writes a seeded corpus of mutated tokens signed by the
/// in-test issuer's key, the API in-process judges each one as a Bearer token on /api/messages/protected, and
/// differential/verify.mjs judges each one with panva's jose under the documented policy, at the instant the API did.</summary>
public sealed partial class DifferentialCorpus
{
    public const int Seed = 22;
    public const int Count = 4000;
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromSeconds(60);

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "MessagesApi.Tests", "differential");

    public static string DifferencesFile { get; } = Path.Combine(Directory, "DIFFERENCES.md");

    private DifferentialCorpus(IReadOnlyList<Case> cases) => Cases = cases;

    public IReadOnlyList<Case> Cases { get; }

    /// <summary>Generates the corpus, sends every token to the API and asks jose for its verdicts.</summary>
    public static async Task<DifferentialCorpus> RunAsync()
    {
        // Every token is meant to be judged on its content: a client is not throttled for sending thousands of bad ones.
        await using var api = new ApiFactory().WithSetting("Clients:FailureBudget:Enabled", "false");
        await api.KeysLoadedAsync();
        var issuer = api.Issuer;
        var skew = api.Services.GetRequiredService<IOptions<Auth0Options>>().Value.ClockSkew;
        var work = System.IO.Directory.CreateTempSubdirectory("messagesapi-differential-").FullName;
        try
        {
            var keyFile = Path.Combine(work, "issuer-key.json");
            var jwksFile = Path.Combine(work, "jwks.json");
            await File.WriteAllTextAsync(keyFile, JsonSerializer.Serialize(PrivateJwk(issuer.CurrentKey)));
            await File.WriteAllTextAsync(jwksFile, JsonSerializer.Serialize(new { keys = new[] { issuer.CurrentKey.PublicJwk() } }));
            var environment = new Dictionary<string, string>
            {
                ["SEED"] = Seed.ToString(),
                ["COUNT"] = Count.ToString(),
                ["KEY_FILE"] = keyFile,
                ["JWKS_FILE"] = jwksFile,
                ["ISSUER"] = issuer.Issuer,
                ["AUDIENCE"] = TokenBuilder.Audience,
                ["CLOCK_SKEW_SECONDS"] = skew.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

            var corpusFile = Path.Combine(work, "corpus.jsonl");
            await RunScriptAsync(environment, "generate.mjs", corpusFile);
            var generated = ReadLines(corpusFile);

            using var client = api.CreateClient();
            var checks = new List<object>();
            var answers = new List<(HttpStatusCode Status, string? Description)>();
            foreach (var line in generated)
            {
                var token = line.GetProperty("token").GetString()!;
                var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                answers.Add(await AskAsync(client, token));
                var to = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                checks.Add(new { id = line.GetProperty("id").GetInt32(), token, from, to });
            }

            var checksFile = Path.Combine(work, "checks.jsonl");
            var verdictsFile = Path.Combine(work, "verdicts.jsonl");
            await File.WriteAllLinesAsync(checksFile, checks.Select(check => JsonSerializer.Serialize(check)));
            await RunScriptAsync(environment, "verify.mjs", checksFile, verdictsFile);
            var verdicts = ReadLines(verdictsFile).ToDictionary(line => line.GetProperty("id").GetInt32());

            return new DifferentialCorpus(generated.Select((line, index) =>
            {
                var id = line.GetProperty("id").GetInt32();
                var verdict = verdicts[id];
                return new Case(
                    id,
                    line.GetProperty("mutation").GetString()!,
                    line.GetProperty("token").GetString()!,
                    answers[index].Status,
                    answers[index].Description,
                    verdict.GetProperty("verdict").GetString() switch
                    {
                        "accept" => JoseVerdict.Accepts,
                        "refuse" => JoseVerdict.Refuses,
                        _ => JoseVerdict.Either,
                    },
                    verdict.GetProperty("reason").GetString());
            }).ToList());
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The rows of DIFFERENCES.md's table: each mutation on which the API deliberately disagrees with jose,
    /// and jose's verdict there.</summary>
    public static IReadOnlyDictionary<string, JoseVerdict> ListedDifferences() =>
        File.ReadAllLines(DifferencesFile)
            .Select(line => DifferenceRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["mutation"].Value, match => match.Groups["jose"].Value == "accepts" ? JoseVerdict.Accepts : JoseVerdict.Refuses);

    [GeneratedRegex(@"^\| `(?<mutation>[^`]+)` \| (?<jose>accepts|refuses) \|")]
    private static partial Regex DifferenceRow();

    private static async Task<(HttpStatusCode, string?)> AskAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await client.SendAsync(request);
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault()?.Parameter;
        var description = challenge is null ? null : Regex.Match(challenge, "error_description=\"(?<why>[^\"]*)\"").Groups["why"].Value;
        return (response.StatusCode, description);
    }

    private static async Task RunScriptAsync(IReadOnlyDictionary<string, string> environment, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, ArgumentList = { script } };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var result = await ChildProcess.RunAsync(start, ScriptLimit);
        result.ExitCode.Should().Be(0, $"node {script} failed:\n{result.StandardError}");
    }

    private static List<JsonElement> ReadLines(string file) =>
        File.ReadLines(file).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    private static Dictionary<string, string> PrivateJwk(SigningKey key)
    {
        var p = key.Rsa.ExportParameters(includePrivateParameters: true);
        return new Dictionary<string, string>(key.PublicJwk())
        {
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P),
            ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ),
            ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
    }

    public enum JoseVerdict
    {
        Accepts,
        Refuses,
        // The token's verdict changed while the API was checking it (it expired or became valid that second).
        Either,
    }

    /// <summary>One token: how it was made, what the API answered, and what jose said.</summary>
    public sealed record Case(int Id, string Mutation, string Token, HttpStatusCode Status, string? ApiReason, JoseVerdict Jose, string? JoseReason)
    {
        public bool ApiAccepts => Status == HttpStatusCode.OK;

        public bool Agrees => Jose == JoseVerdict.Either || (Jose == JoseVerdict.Accepts) == ApiAccepts;

        /// <summary>The header and payload as decoded bytes, control characters and non-ASCII escaped, for a failure message.</summary>
        public string Decoded()
        {
            var parts = Token.Split('.');
            return parts.Length < 2 ? Token : $"{Printable(parts[0])} . {Printable(parts[1])}";
        }

        private static string Printable(string segment)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').TrimEnd('=').PadRight((segment.TrimEnd('=').Length + 3) / 4 * 4, '='));
            }
            catch (FormatException)
            {
                return $"(not base64url: {segment[..Math.Min(segment.Length, 40)]})";
            }
            var text = new StringBuilder();
            foreach (var b in bytes.Take(300))
                text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
            return bytes.Length > 300 ? text.Append('…').ToString() : text.ToString();
        }
    }
}
