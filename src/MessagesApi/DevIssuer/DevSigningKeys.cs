using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.DevIssuer;

/// <summary>The development issuer's RSA keys, kept in a file so tokens survive restarts. The first key signs; the
/// one after it is the previous key, still published for a grace period after a rotation.</summary>
internal sealed class DevSigningKeys(IOptions<DevIssuerOptions> options)
{
    private readonly string _file = options.Value.KeyFile;
    private readonly Lock _gate = new();
    private (byte[] Contents, IReadOnlyList<RsaSecurityKey> Keys)? _loaded;

    /// <summary>The keys, newest first, re-read when another process (the rotate command) changed the file.</summary>
    public IReadOnlyList<RsaSecurityKey> Keys
    {
        get
        {
            lock (_gate)
            {
                if (!File.Exists(_file))
                    Save([NewKey()]);
                var contents = File.ReadAllBytes(_file);
                // The contents, not the write time: two writes within one tick of the file system's clock share a time.
                if (_loaded is not { } loaded || !loaded.Contents.AsSpan().SequenceEqual(contents))
                    _loaded = (contents, StoredKey.Deserialize(contents));
                return _loaded.Value.Keys;
            }
        }
    }

    public RsaSecurityKey Current => Keys[0];

    /// <summary>Publishes a new signing key and keeps only the one before it: tokens it signed stay valid for now.</summary>
    public RsaSecurityKey Rotate()
    {
        lock (_gate)
        {
            var next = NewKey();
            Save([next, .. Keys.Take(1)]);
            return next;
        }
    }

    private void Save(IReadOnlyList<RsaSecurityKey> keys)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temporary = _file + ".tmp";
        File.WriteAllBytes(temporary, StoredKey.Serialize(keys));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, _file, overwrite: true);
    }

    private static RsaSecurityKey NewKey() =>
        new(RSA.Create(2048)) { KeyId = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) };
}
