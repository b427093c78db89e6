using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Server nonces (RFC 9449 §9) derived from the time and <see cref="DpopOptions.NonceKey"/>, not kept in memory:
/// every replica with the same key issues and accepts the same nonces. A nonce is its time step and a MAC of it; the
/// current and the previous step are accepted.</summary>
internal sealed class DpopNonces(IOptions<DpopOptions> options, TimeProvider time)
{
    private const int MacLength = 16;

    private readonly byte[] _key = options.Value.NonceKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(32);
    private readonly long _stepSeconds = (long)options.Value.NonceLifetime.TotalSeconds;

    public string Current => Nonce(Step());

    public bool IsValid(string? nonce)
    {
        // Decoding throws on anything but base64url of exactly this length: IsValid asks first.
        if (nonce is null || !Base64Url.IsValid(nonce, out var length) || length != sizeof(long) + MacLength)
            return false;
        Span<byte> bytes = stackalloc byte[sizeof(long) + MacLength];
        Base64Url.DecodeFromChars(nonce, bytes);
        var step = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var now = Step();
        return (step == now || step == now - 1) && CryptographicOperations.FixedTimeEquals(bytes[sizeof(long)..], Mac(step));
    }

    private long Step() => time.GetUtcNow().ToUnixTimeSeconds() / _stepSeconds;

    private string Nonce(long step)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long) + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(bytes, step);
        Mac(step).CopyTo(bytes[sizeof(long)..]);
        return Base64UrlEncoder.Encode(bytes.ToArray());
    }

    private byte[] Mac(long step)
    {
        Span<byte> message = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(message, step);
        return HMACSHA256.HashData(_key, message)[..MacLength];
    }
}
