using System.Diagnostics;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A Dockerfile's build stage replayed without Docker. A temporary folder stands in for the image's file system;
/// COPY takes files only from the build context Docker would send (the repository minus .dockerignore), so a file the
/// Dockerfile forgets to copy is missing here too; RUN runs its command there, absolute paths taken inside the stand-in,
/// except that packages it installs with apt-get must be on this machine already.</summary>
public sealed class DockerBuildStage : IDisposable
{
    // A cold restore and a Native AOT publish on a busy two-core machine take two to four minutes; this only bounds a hang.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    private readonly string _context;
    private readonly DockerIgnore _ignore;
    private readonly string _root = Directory.CreateTempSubdirectory("messagesapi-docker-").FullName;
    private string _workdir = "/";

    public DockerBuildStage(string context)
    {
        _context = context;
        _ignore = new DockerIgnore(Path.Combine(context, ".dockerignore"));
    }

    /// <summary>Where a path of the image's file system is in the stand-in.</summary>
    public string PathOf(string imagePath) => Path.Combine(_root, imagePath.TrimStart('/'));

    public async Task ReplayAsync(IEnumerable<(string Keyword, string Argument)> instructions)
    {
        foreach (var (keyword, argument) in instructions)
        {
            switch (keyword)
            {
                case "WORKDIR":
                    _workdir = Path.Combine(_workdir, argument);
                    Directory.CreateDirectory(PathOf(_workdir));
                    break;
                case "COPY":
                    Copy(argument.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "RUN" when Dockerfile.AptPackages(argument) is { Count: > 0 } packages:
                    RequireInstalled(packages);
                    break;
                case "RUN":
                    await RunAsync(argument);
                    break;
                default:
                    throw new NotSupportedException($"{keyword} is not replayed here; teach DockerBuildStage before using it in the build stage.");
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>COPY src... dest: a file into dest (a folder when it ends in '/' or there are several sources), a folder's
    /// contents into dest; relative to WORKDIR.</summary>
    private void Copy(string[] parts)
    {
        if (parts.Any(part => part.StartsWith("--", StringComparison.Ordinal) || part.StartsWith('[')))
            throw new NotSupportedException($"COPY {string.Join(' ', parts)}: flags and the JSON form are not replayed here.");
        var (sources, destination) = (parts[..^1], PathOf(Path.Combine(_workdir, parts[^1])));
        var intoFolder = parts[^1].EndsWith('/') || sources.Length > 1;
        foreach (var source in sources.Select(source => source.TrimEnd('/')))
        {
            var full = Path.Combine(_context, source);
            if (_ignore.Excludes(source) || !Path.Exists(full))
                throw new FileNotFoundException($"COPY {source}: not in the build context (missing, or left out by .dockerignore).");
            if (File.Exists(full))
                CopyFile(source, intoFolder ? Path.Combine(destination, Path.GetFileName(source)) : destination);
            foreach (var file in Directory.Exists(full) ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories) : [])
            {
                var inContext = Path.GetRelativePath(_context, file);
                if (!_ignore.Excludes(inContext))
                    CopyFile(inContext, Path.Combine(destination, Path.GetRelativePath(full, file)));
            }
        }
    }

    private void CopyFile(string inContext, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(_context, inContext), target, overwrite: true);
    }

    /// <summary>`RUN apt-get install …` is not replayed, which would change this machine: the packages must be installed
    /// already (.ci/run installs them), so the RUN lines after it build with what the image would hold.</summary>
    private static void RequireInstalled(IEnumerable<string> packages)
    {
        foreach (var package in packages)
            Prerequisites.IsInstalled(package).Should().BeTrue($"the Dockerfile installs {package}, so its build needs it (apt-get install {package})");
    }

    private async Task RunAsync(string command)
    {
        var inStandIn = string.Join(' ', command.Split(' ').Select(part => part.StartsWith('/') ? PathOf(part) : part));
        await ChildProcess.RunToSuccessAsync(new ProcessStartInfo("sh", ["-c", inStandIn]) { WorkingDirectory = PathOf(_workdir) }, RunLimit);
    }
}
