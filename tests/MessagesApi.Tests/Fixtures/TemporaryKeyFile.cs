namespace MessagesApi.Tests.Fixtures;

/// <summary>A development issuer key file path in a folder of its own, not created yet; disposing deletes the folder
/// with whatever the key store left beside the file (its lock file).</summary>
public sealed class TemporaryKeyFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"messagesapi-dev-keys-{Guid.NewGuid():N}");

    public string Path => System.IO.Path.Combine(_folder, "dev-issuer-keys.json");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
