using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A DPoP client's key (ES256 on P-256): its RFC 7638 thumbprint binds tokens (<c>cnf.jkt</c>), and it signs
/// proofs, correct by default and changed one part at a time by the tests.</summary>
public sealed class DpopKey
{
    private readonly ECDsa _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Dictionary<string, object?> PublicJwk()
    {
        var point = _ecdsa.ExportParameters(false).Q;
        return new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(point.X), ["y"] = Base64UrlEncoder.Encode(point.Y) };
    }

    public Dictionary<string, object?> PrivateJwk() =>
        new(PublicJwk()) { ["d"] = Base64UrlEncoder.Encode(_ecdsa.ExportParameters(true).D) };

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace.</summary>
    public string Thumbprint
    {
        get
        {
            var jwk = PublicJwk();
            var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}";
            return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    /// <summary>A bound access token from <paramref name="issuer"/>.</summary>
    public string BoundToken(TestIssuer issuer) =>
        issuer.Token().With("jti", Guid.NewGuid().ToString()).With("cnf", new Dictionary<string, string> { ["jkt"] = Thumbprint }).Build();

    public Proof ProofFor(string method, string url, string accessToken) => new(this, method, url, accessToken);

    public sealed class Proof
    {
        private readonly DpopKey _key;
        private readonly Dictionary<string, object?> _header;
        private readonly Dictionary<string, object?> _payload;
        private Func<string, string> _editHeader = json => json;

        internal Proof(DpopKey key, string method, string url, string accessToken)
        {
            _key = key;
            _header = new() { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = key.PublicJwk() };
            _payload = new()
            {
                ["jti"] = Guid.NewGuid().ToString(),
                ["htm"] = method,
                ["htu"] = url,
                ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))),
            };
        }

        public Proof With(string claim, object? value)
        {
            _payload[claim] = value;
            return this;
        }

        public Proof Without(string claim)
        {
            _payload.Remove(claim);
            return this;
        }

        public Proof WithHeader(string name, object? value)
        {
            _header[name] = value;
            return this;
        }

        /// <summary>Edits the header's serialised JSON before it is encoded and signed.</summary>
        public Proof EditHeaderJson(Func<string, string> edit)
        {
            _editHeader = edit;
            return this;
        }

        public string Build() => BuildSignedBy(_key);

        /// <summary>Signed by another key than the one its header names.</summary>
        public string BuildSignedBy(DpopKey signer)
        {
            var input = Base64UrlEncoder.Encode(_editHeader(JsonSerializer.Serialize(_header))) + "." + Encode(_payload);
            return input + "." + Base64UrlEncoder.Encode(signer._ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
        }

        private static string Encode(Dictionary<string, object?> section) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(section));
    }
}
