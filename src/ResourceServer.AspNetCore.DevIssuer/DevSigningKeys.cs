using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>The development issuer's RSA keys, kept in a file so tokens survive restarts. The first key signs; the
/// one after it is the previous key, still published for a grace period after a rotation.</summary>
internal sealed class DevSigningKeys(IOptions<DevIssuerOptions> options)
{
    private readonly KeyFile _file = new(options.Value.KeyFile);
    private readonly Lock _gate = new();
    private (byte[] Contents, IReadOnlyList<RsaSecurityKey> Keys)? _loaded;

    /// <summary>The keys, newest first, re-read when another process (the rotate command) changed the file.</summary>
    public IReadOnlyList<RsaSecurityKey> Keys
    {
        get
        {
            lock (_gate)
            {
                var contents = _file.ReadOrNull() ?? _file.CreateOrRead(StoredKey.Serialize([NewKey()]));
                // The contents, not the write time: two writes within one tick of the file system's clock share a time.
                if (_loaded is not { } loaded || !loaded.Contents.AsSpan().SequenceEqual(contents))
                    _loaded = (contents, StoredKey.Deserialize(contents));
                return _loaded.Value.Keys;
            }
        }
    }

    public RsaSecurityKey Current => Keys[0];

    /// <summary>Publishes a new signing key and keeps only the one before it: tokens it signed stay valid for now.
    /// Rotations in any process take turns, so each one's previous key is the one the rotation before it published.</summary>
    public DevKeyRotation Rotate()
    {
        var next = NewKey();
        // Created before the lock is taken: creating takes it too, and the lock is not re-entrant.
        _ = Current;
        using (_file.Lock())
        {
            var previous = Current;
            _file.Replace(StoredKey.Serialize([next, previous]));
            return new DevKeyRotation(next, previous);
        }
    }

    private static RsaSecurityKey NewKey() =>
        new(RSA.Create(2048)) { KeyId = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) };
}
