namespace MessagesApi.Tests.Fixtures;

public static class RepositoryRoot
{
    /// <summary>The folder holding MessagesApi.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MessagesApi.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No MessagesApi.sln above {start}.");
    }
}
