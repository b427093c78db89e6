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
    private (DateTime Written, IReadOnlyList<RsaSecurityKey> Keys)? _loaded;

    /// <summary>The keys, newest first, re-read when another process (the rotate command) changed the file.</summary>
    public IReadOnlyList<RsaSecurityKey> Keys
    {
        get
        {
            lock (_gate)
            {
                if (!File.Exists(_file))
                    Save([NewKey()]);
                var written = File.GetLastWriteTimeUtc(_file);
                if (_loaded?.Written != written)
                    _loaded = (written, Load());
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

    private IReadOnlyList<RsaSecurityKey> Load() => StoredKey.Deserialize(File.ReadAllBytes(_file));

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
