namespace MessagesApi.Tests.Fixtures;

/// <summary>The repository's Dockerfile, read instruction by instruction (continuation lines joined).</summary>
public sealed class Dockerfile
{
    public Dockerfile(string path)
    {
        var joined = File.ReadAllText(path).Replace("\\\n", " ");
        Instructions = joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (Keyword: line.Split(' ')[0].ToUpperInvariant(), Argument: line[(line.IndexOf(' ') + 1)..].Trim()))
            .ToArray();
    }

    public static Dockerfile OfRepository { get; } = new(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    public IReadOnlyList<(string Keyword, string Argument)> Instructions { get; }

    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Argument);

    /// <summary>The instructions of the stage started by `FROM image AS name`, without that FROM.</summary>
    public IReadOnlyList<(string Keyword, string Argument)> Stage(string name)
    {
        var start = Instructions.ToList().FindIndex(i => i.Keyword == "FROM" && i.Argument.EndsWith($" AS {name}", StringComparison.OrdinalIgnoreCase));
        if (start < 0)
            throw new InvalidOperationException($"The Dockerfile has no stage named {name}.");
        return Instructions.Skip(start + 1).TakeWhile(i => i.Keyword != "FROM").ToArray();
    }

    /// <summary>ENV KEY=value pairs, several per instruction allowed.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").SelectMany(argument => argument.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    /// <summary>The Debian packages a RUN argument installs with <c>apt-get install</c>; none when it installs nothing.</summary>
    public static IReadOnlyList<string> AptPackages(string run) =>
        run.Split("&&").Select(part => part.Trim())
            .Where(part => part.StartsWith("apt-get install ", StringComparison.Ordinal))
            .SelectMany(part => part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).Where(word => !word.StartsWith('-')))
            .ToArray();

    /// <summary>Every Debian package the stage's RUN instructions install.</summary>
    public IReadOnlyList<string> AptPackagesOf(string stage) =>
        Stage(stage).Where(i => i.Keyword == "RUN").SelectMany(i => AptPackages(i.Argument)).ToArray();
}
