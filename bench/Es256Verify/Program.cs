// How many ES256 DPoP proofs one core verifies, single-threaded, after a warm-up: bench/run.sh runs it pinned to the
// API's core, and the DPoP rows are measured against it.
//   handler          as src/MessagesApi/Auth/Dpop/DpopProofValidator.cs verifies a proof: JsonWebTokenHandler.ValidateTokenAsync
//                    on the parsed proof with the client's key and validation parameters, built once and reused (what
//                    DpopProofKeys caches). Keep it in step with DpopProofValidator: it is the limit the DPoP goal is measured against.
//   handler-new-key  the same with a new JsonWebKey for every proof: what a client with a new key for each proof costs.
//   raw              ECDsa.VerifyData on the proof's signing input with the key imported once: the cryptography alone.
// Usage: dotnet Es256Verify.dll PROOFS_FILE [SECONDS]   (proofs of one key, from bench/dpop-proofs.mjs; SECONDS each, 2)
// Prints "<name> <verifies per second> <verifies per CPU second>" for each: the second counts only the CPU time this
// process got (every thread of it, as the API's CPU time counts every thread), so a neighbour that takes turns on the
// core lowers the first but not the second. Exits 1 when a proof does not verify.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

var proofs = File.ReadLines(args[0]).Where(line => line.Length > 0).Take(20_000).ToArray();
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var jwk = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(proofs[0].Split('.')[0])).RootElement.GetProperty("jwk").GetRawText();

var handler = new JsonWebTokenHandler();
var cachedParameters = Parameters(new JsonWebKey(jwk));
TokenValidationParameters Parameters(SecurityKey key) => new()
{
    IssuerSigningKey = key,
    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
    ValidTypes = ["dpop+jwt"],
    RequireSignedTokens = true,
    ValidateIssuerSigningKey = false,
    ValidateIssuer = false,
    ValidateAudience = false,
    ValidateLifetime = false,
    RequireExpirationTime = false,
};
async Task<bool> ViaHandler(string proof, TokenValidationParameters parameters) =>
    (await handler.ValidateTokenAsync(new JsonWebToken(proof), parameters)).IsValid;

var publicKey = JsonSerializer.Deserialize<Dictionary<string, string>>(jwk)!;
using var ecdsa = ECDsa.Create(new ECParameters
{
    Curve = ECCurve.NamedCurves.nistP256,
    Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(publicKey["x"]), Y = Base64UrlEncoder.DecodeBytes(publicKey["y"]) },
});
var signed = proofs.Select(proof => (
    Input: Encoding.ASCII.GetBytes(proof[..proof.LastIndexOf('.')]),
    Signature: Base64UrlEncoder.DecodeBytes(proof[(proof.LastIndexOf('.') + 1)..]))).ToArray();

var ways = new (string Name, Func<int, Task<bool>> Verify)[]
{
    ("handler", i => ViaHandler(proofs[i], cachedParameters)),
    ("handler-new-key", i => ViaHandler(proofs[i], Parameters(new JsonWebKey(jwk)))),
    ("raw", i => Task.FromResult(ecdsa.VerifyData(signed[i].Input, signed[i].Signature, HashAlgorithmName.SHA256))),
};
// Warmed up, then measured in turns of a quarter second each, so a neighbour's load on the core weighs on every way alike.
foreach (var (_, verify) in ways)
    await Verify(verify, TimeSpan.FromSeconds(0.5));
var counts = new long[ways.Length];
var spent = new TimeSpan[ways.Length];
var cpu = new TimeSpan[ways.Length];
for (var turn = 0; turn < seconds * 4; turn++)
{
    for (var way = 0; way < ways.Length; way++)
    {
        var clock = Stopwatch.StartNew();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        counts[way] += await Verify(ways[way].Verify, TimeSpan.FromSeconds(0.25));
        cpu[way] += Environment.CpuUsage.TotalTime - cpuBefore;
        spent[way] += clock.Elapsed;
    }
}
for (var way = 0; way < ways.Length; way++)
    Console.WriteLine(FormattableString.Invariant($"{ways[way].Name} {counts[way] / spent[way].TotalSeconds:F0} {counts[way] / cpu[way].TotalSeconds:F0}"));

// Verifies proofs in a loop for about as long as asked; returns how many.
async Task<long> Verify(Func<int, Task<bool>> verify, TimeSpan forTime)
{
    var clock = Stopwatch.StartNew();
    var count = 0;
    while (clock.Elapsed < forTime)
    {
        for (var i = 0; i < 64; i++, count++)
        {
            if (!await verify(count % proofs.Length))
            {
                Console.Error.WriteLine($"proof {count % proofs.Length} does not verify");
                Environment.Exit(1);
            }
        }
    }
    return count;
}
