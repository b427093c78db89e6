using System.Diagnostics;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>A small secret file that several processes share (two APIs, the API and the `token` command). Every write
/// goes to a temporary file of its own, created owner-only (0600) before the first byte, and is renamed into place, so
/// a reader sees the old contents or the new, never half of them, and the secret is never readable by others.</summary>
internal sealed class KeyFile(string path)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The contents, or null when the file does not exist yet.</summary>
    public byte[]? ReadOrNull()
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="contents"/> unless the file exists; returns what the file holds, the first writer's.
    /// Creators take turns under <see cref="Lock"/>: .NET's File.Move without overwrite checks and renames in two steps on
    /// Unix, so racing creators could each "win" and sign with keys the file no longer holds.</summary>
    public byte[] CreateOrRead(byte[] contents)
    {
        using (Lock())
        {
            if (ReadOrNull() is { } existing)
                return existing;
            Publish(contents);
            return contents;
        }
    }

    /// <summary>Replaces the contents; call it holding <see cref="Lock"/> when the new contents derive from the old.</summary>
    public void Replace(byte[] contents) => Publish(contents);

    /// <summary>Holds a lock on <c>{file}.lock</c> until disposed, against other holders in this and other processes.
    /// The lock file stays: deleting it would let a waiter lock the deleted file while a newcomer locks a new one.</summary>
    public IDisposable Lock()
    {
        CreateFolder();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite));
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                // .NET cannot block on a file lock, so poll; a holder keeps it for one write.
                Thread.Sleep(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private void Publish(byte[] contents)
    {
        CreateFolder();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, OwnerOnly(FileMode.CreateNew, FileAccess.Write)))
            {
                stream.Write(contents);
                // On disk before the rename, so a crash cannot leave an empty file under the real name.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void CreateFolder() => Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
