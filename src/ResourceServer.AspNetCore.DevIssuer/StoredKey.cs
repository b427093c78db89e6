using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>One entry of the key file, a JSON array newest first: the key id and the private key as PKCS#8 PEM.</summary>
internal sealed record StoredKey(string KeyId, string PrivateKeyPem)
{
    public static byte[] Serialize(IEnumerable<RsaSecurityKey> keys) => JsonSerializer.SerializeToUtf8Bytes(
        keys.Select(key => new StoredKey(key.KeyId, key.Rsa.ExportPkcs8PrivateKeyPem())).ToArray(),
        StoredKeyJson.Default.StoredKeyArray);

    public static IReadOnlyList<RsaSecurityKey> Deserialize(byte[] json) =>
        JsonSerializer.Deserialize(json, StoredKeyJson.Default.StoredKeyArray)!.Select(stored => stored.ToKey()).ToArray();

    private RsaSecurityKey ToKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = KeyId };
    }
}

/// <summary>Reflection-free (trim- and AOT-safe) JSON for the key file. Default options keep the PascalCase names
/// earlier versions wrote, so existing key files still load.</summary>
[JsonSerializable(typeof(StoredKey[]))]
internal sealed partial class StoredKeyJson : JsonSerializerContext;
