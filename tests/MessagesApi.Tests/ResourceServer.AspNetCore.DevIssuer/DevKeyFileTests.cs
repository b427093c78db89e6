using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using ResourceServer.AspNetCore.DevIssuer;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

/// <summary>The development issuer's key file, shared by every <see cref="DevSigningKeys"/> that names it: each instance
/// stands in for a process, since instances share nothing in memory.</summary>
public sealed class DevKeyFileTests : IDisposable
{
    private const int Racers = 8;
    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public async Task Instances_racing_on_a_fresh_key_file_all_sign_with_the_one_key_it_keeps()
    {
        var currents = await AllAtOnce(() => NewInstance().Current.KeyId);

        currents.Should().AllBe(KeyIdsInFile().Single());
    }

    [Fact]
    public async Task Creators_racing_on_a_fresh_file_all_get_the_contents_it_keeps()
    {
        // Without key generation in the way the racers meet at the file: 50 rounds make a lost race near certain to show.
        for (var round = 0; round < 50; round++)
        {
            var path = $"{_keyFile.Path}.{round}";
            var racer = 0;

            var returned = await AllAtOnce(() => new KeyFile(path).CreateOrRead([(byte)Interlocked.Increment(ref racer)]));

            returned.Select(contents => contents.Single()).Should().AllBeEquivalentTo(File.ReadAllBytes(path).Single(), $"round {round}");
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_new_key_file_is_readable_and_writable_by_its_owner_only()
    {
        _ = NewInstance().Current;

        File.GetUnixFileMode(_keyFile.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_rotated_key_file_is_readable_and_writable_by_its_owner_only()
    {
        _ = NewInstance().Rotate();

        File.GetUnixFileMode(_keyFile.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Concurrent_rotations_take_turns_and_the_file_keeps_the_last_two_keys_of_their_chain()
    {
        var original = NewInstance().Current.KeyId;

        var rotations = await AllAtOnce(() => NewInstance().Rotate());

        rotations.Select(rotation => rotation.Previous.KeyId).Should().OnlyHaveUniqueItems("a rotation that read the file before another wrote it loses that key");
        var replacedBy = rotations.ToDictionary(rotation => rotation.Previous.KeyId, rotation => rotation.Next.KeyId);
        var chain = new List<string> { original };
        while (replacedBy.TryGetValue(chain[^1], out var next))
            chain.Add(next);
        chain.Should().HaveCount(Racers + 1, "each rotation replaced the key the one before it published");
        KeyIdsInFile().Should().Equal(chain[^1], chain[^2]);
    }

    [Fact]
    public void A_rotation_by_another_instance_is_seen_even_when_the_file_keeps_its_write_time()
    {
        var api = NewInstance();
        _ = api.Current;
        var written = File.GetLastWriteTimeUtc(_keyFile.Path);
        var rotation = NewInstance().Rotate();
        File.SetLastWriteTimeUtc(_keyFile.Path, written);

        api.Current.KeyId.Should().Be(rotation.Next.KeyId);
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

    /// <summary>Runs <paramref name="act"/> on <see cref="Racers"/> threads released together.</summary>
    private static async Task<T[]> AllAtOnce<T>(Func<T> act)
    {
        using var start = new Barrier(Racers);
        return await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue("all racers start together");
            return act();
        }, TaskCreationOptions.LongRunning)));
    }

    private string[] KeyIdsInFile() => StoredKey.Deserialize(File.ReadAllBytes(_keyFile.Path)).Select(key => key.KeyId).ToArray();

    private DevSigningKeys NewInstance() => new(Options.Create(new DevIssuerOptions { KeyFile = _keyFile.Path }));

    public void Dispose() => _keyFile.Dispose();
}
