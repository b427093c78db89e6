using System.Security.Cryptography;
using System.Text.Json;
using MessagesApi.DevIssuer;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

/// <summary>The development issuer's key file, shared by every <see cref="DevSigningKeys"/> that names it: each instance
/// stands in for a process, since instances share nothing in memory.</summary>
public sealed class DevKeyFileTests : IDisposable
{
    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public void A_rotation_by_another_instance_is_seen_even_when_the_file_keeps_its_write_time()
    {
        var api = NewInstance();
        _ = api.Current;
        var written = File.GetLastWriteTimeUtc(_keyFile.Path);
        var rotated = NewInstance().Rotate();
        File.SetLastWriteTimeUtc(_keyFile.Path, written);

        api.Current.KeyId.Should().Be(rotated.KeyId);
    }

    [Fact]
    public void A_key_file_written_by_earlier_versions_still_loads()
    {
        using var rsa = RSA.Create(2048);
        Directory.CreateDirectory(Path.GetDirectoryName(_keyFile.Path)!);
        File.WriteAllText(_keyFile.Path, JsonSerializer.Serialize(new[] { new { KeyId = "dev-0123456789ab", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() } }));

        var current = NewInstance().Current;

        current.KeyId.Should().Be("dev-0123456789ab");
        current.Rsa.ExportSubjectPublicKeyInfo().Should().Equal(rsa.ExportSubjectPublicKeyInfo());
    }

    private DevSigningKeys NewInstance() => new(Options.Create(new DevIssuerOptions { KeyFile = _keyFile.Path }));

    public void Dispose() => _keyFile.Dispose();
}
