using System.Diagnostics;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The library and its development issuer packed as a release packs them (<c>dotnet pack -c Release</c>, a CI build), into a folder that
/// serves as a local NuGet feed. Its build goes to a folder of its own under the repository's <c>artifacts/</c>, so it
/// races no other build, and its paths are mapped as a release build's are.</summary>
public sealed class PackedLibrary : IAsyncLifetime
{
    public const string Id = "ResourceServer.AspNetCore";
    public const string DevIssuerId = "ResourceServer.AspNetCore.DevIssuer";
    public const string Version = "0.1.0";

    // A cold restore and a Release build on a busy two-core machine take a minute or two; this only bounds a hang.
    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("messagesapi-pack-").FullName;
    private readonly string _artifacts = Path.Combine(RepositoryRoot.Path, "artifacts", $"pack-{Guid.NewGuid():N}");

    public string Feed => Path.Combine(_root, "feed");

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string Symbols(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    public async Task InitializeAsync()
    {
        // Packing the development issuer builds the library it references too, into the same artifacts.
        foreach (var id in (string[])[Id, DevIssuerId])
            await ChildProcess.RunToSuccessAsync(new ProcessStartInfo("dotnet",
                ["pack", Path.Combine(RepositoryRoot.Path, "src", id), "-c", "Release", "-o", Feed, "--artifacts-path", _artifacts, "-p:ContinuousIntegrationBuild=true"]), PackLimit);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        if (Directory.Exists(_artifacts))
            Directory.Delete(_artifacts, recursive: true);
        return Task.CompletedTask;
    }
}
