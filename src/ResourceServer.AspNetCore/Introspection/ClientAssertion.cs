using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary><c>private_key_jwt</c> (RFC 7523, OpenID Connect Core §9): a short-lived JWT the API signs with its own key
/// to authenticate as its client, one per call, naming the issuer as its audience.</summary>
internal sealed class ClientAssertion(SigningCredentials credentials, string clientId, TimeProvider time)
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly JsonWebTokenHandler _handler = new();

    public static ClientAssertion FromFile(string file, string clientId, TimeProvider time) => new(Credentials(File.ReadAllText(file)), clientId, time);

    /// <summary>Why the file is no key to sign with; null when it is one.</summary>
    public static string? KeyRefusal(string file)
    {
        try
        {
            Credentials(File.ReadAllText(file));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return $"'{file}' is no PEM RSA or EC private key the API can read ({e.Message.TrimEnd('.')}).";
        }
    }

    public string For(string audience)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = credentials,
        });
    }

    private static SigningCredentials Credentials(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var algorithm = ec.KeySize switch { 384 => SecurityAlgorithms.EcdsaSha384, 521 => SecurityAlgorithms.EcdsaSha512, _ => SecurityAlgorithms.EcdsaSha256 };
            return new SigningCredentials(new ECDsaSecurityKey(ec), algorithm);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ec.Dispose();
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }
}
