using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Builds real signed JWTs, and on request the malformed and hostile ones an attacker would send.</summary>
public sealed class TokenBuilder
{
    public const string Audience = "https://messages-api.test";

    private readonly Dictionary<string, object?> _header = new() { ["alg"] = "RS256", ["typ"] = "JWT" };
    private readonly Dictionary<string, object?> _payload;
    private SigningKey? _key;
    private Func<string, string> _editHeader = json => json;
    private Func<string, string> _editPayload = json => json;

    public TokenBuilder(TestIssuer issuer)
    {
        var now = DateTimeOffset.UtcNow;
        _payload = new()
        {
            ["iss"] = issuer.Issuer,
            ["sub"] = "auth0|test-user",
            ["aud"] = new[] { Audience, issuer.Issuer + "userinfo" },
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["azp"] = "test-client",
        };
    }

    public TokenBuilder SignedWith(SigningKey key)
    {
        _key = key;
        _header["kid"] = key.KeyId;
        _header["alg"] = key.Algorithm;
        return this;
    }

    public TokenBuilder WithPermissions(params string[] permissions) => With("permissions", permissions);

    public TokenBuilder ExpiresAt(DateTimeOffset expires) => With("exp", expires.ToUnixTimeSeconds());

    public TokenBuilder With(string claim, object? value)
    {
        _payload[claim] = value;
        return this;
    }

    public TokenBuilder Without(string claim)
    {
        _payload.Remove(claim);
        return this;
    }

    public TokenBuilder WithHeader(string name, object? value)
    {
        _header[name] = value;
        return this;
    }

    public TokenBuilder WithoutHeader(string name)
    {
        _header.Remove(name);
        return this;
    }

    /// <summary>Edits the serialised JSON before it is encoded and signed: what no serialiser writes (bytes after the
    /// object, a member named twice).</summary>
    public TokenBuilder EditJson(Func<string, string>? header = null, Func<string, string>? payload = null)
    {
        _editHeader = header ?? _editHeader;
        _editPayload = payload ?? _editPayload;
        return this;
    }

    /// <summary>Signs with the RSA key for RS* and PS* algorithms; other algorithms are left to <see cref="BuildWith"/>.</summary>
    public string Build() => BuildWith(SignRsa);

    public string BuildUnsigned() => BuildWith(_ => []);

    public string BuildHmacWithSecret(byte[] secret) => BuildWith(input => _header["alg"] switch
    {
        "HS384" => HMACSHA384.HashData(secret, input),
        "HS512" => HMACSHA512.HashData(secret, input),
        _ => HMACSHA256.HashData(secret, input),
    });

    public string BuildWith(Func<byte[], byte[]> sign)
    {
        var signingInput = Encode(_header, _editHeader) + "." + Encode(_payload, _editPayload);
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private byte[] SignRsa(byte[] input)
    {
        var key = _key ?? throw new InvalidOperationException("No signing key.");
        var algorithm = _header["alg"] as string ?? "";
        var hash = algorithm switch
        {
            "RS384" or "PS384" => HashAlgorithmName.SHA384,
            "RS512" or "PS512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        return key.Rsa.SignData(input, hash, algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
    }

    private static string Encode(Dictionary<string, object?> section, Func<string, string> edit) =>
        Base64UrlEncoder.Encode(edit(JsonSerializer.Serialize(section)));
}
