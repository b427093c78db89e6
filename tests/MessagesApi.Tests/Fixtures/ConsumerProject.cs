using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A fresh project as <c>dotnet new web</c> makes it, outside the repository, that adds the packed library and
/// its development issuer from a local feed and whose <c>Program.cs</c> is the one in the README's "Use it in your own API". Made once per test class
/// that asks, and started as a real process by each test that needs it.</summary>
public sealed partial class ConsumerProject : IAsyncLifetime
{
    // `dotnet new`, a restore and a build, or a Native AOT publish, on a busy two-core machine take a few minutes; this
    // only bounds a hang.
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly PackedLibrary _library = new();
    private readonly string _root = Directory.CreateTempSubdirectory("messagesapi-consumer-").FullName;
    private readonly Lazy<Task<CommandResult>> _nativeAot;

    public ConsumerProject() => _nativeAot = new(() => ChildProcess.RunAsync(
        new ProcessStartInfo("dotnet", ["publish", "-c", "Release", "-p:PublishAot=true", "-o", Path.Combine(_root, "aot")]) { WorkingDirectory = ProjectFolder },
        CommandLimit));

    public string ProjectFolder => Path.Combine(_root, "MyApi");

    /// <summary>The README's <c>Program.cs</c>: the C# block of its "Use it in your own API" section.</summary>
    public static string ReadmeProgram()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("\n## Use it in your own API", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        return CSharpBlock().Match(section).Groups["code"].Value;
    }

    public async Task InitializeAsync()
    {
        await _library.InitializeAsync();
        await RunAsync(_root, "dotnet", "new", "web", "-o", ProjectFolder);
        // Beside the project, as `dotnet nuget add source` would add it to the user's settings: the other sources stay. The
        // packages go to a folder of this project's: the user's global folder keeps the first 0.1.0 it ever extracted.
        await File.WriteAllTextAsync(Path.Combine(ProjectFolder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <packageSources>
                <add key="local" value="{_library.Feed}" />
              </packageSources>
            </configuration>
            """);
        foreach (var id in (string[])[PackedLibrary.Id, PackedLibrary.DevIssuerId])
            await RunAsync(ProjectFolder, "dotnet", "add", "package", id, "--version", PackedLibrary.Version);
        await File.WriteAllTextAsync(Path.Combine(ProjectFolder, "Program.cs"), ReadmeProgram());
        await RunAsync(ProjectFolder, "dotnet", "build", "-c", "Release");
    }

    /// <summary>Where <see cref="PublishNativeAotAsync"/> puts the executable.</summary>
    public string NativeExecutable => Path.Combine(_root, "aot", "MyApi");

    /// <summary>Starts the built project (or, given it, the Native AOT executable) on <paramref name="port"/> with the
    /// given settings and command-line arguments, and none inherited from this process's AUTH0_ variables, in Production
    /// unless they say otherwise.</summary>
    public ChildProcess Start(IReadOnlyDictionary<string, string> environment, ReservedPort port, string? executable = null, string[]? arguments = null)
    {
        var start = executable is null
            ? new ProcessStartInfo("dotnet", [Path.Combine(ProjectFolder, "bin", "Release", "net10.0", "MyApi.dll"), .. arguments ?? []])
            : new ProcessStartInfo(executable, arguments ?? []);
        start.WorkingDirectory = ProjectFolder;
        start.Environment.Remove("AUTH0_DOMAIN");
        start.Environment.Remove("AUTH0_AUDIENCE");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.Port}";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return ChildProcess.Start(start);
    }

    /// <summary>Starts it as <see cref="Start"/> does and waits until it listens.</summary>
    public async Task<(ChildProcess Process, HttpClient Client)> StartListeningAsync(IReadOnlyDictionary<string, string> environment, ReservedPort port, string? executable = null)
    {
        var process = Start(environment, port, executable);
        await Eventually.Until(() => process.HasExited || process.Output.Contains("Now listening on"), StartLimit, "the project to listen");
        process.HasExited.Should().BeFalse($"the project exited before it listened:\n{process.Output}");
        return (process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.Port}"), Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>Publishes the project as Native AOT into <see cref="NativeExecutable"/>'s folder, once for every test that
    /// asks; returns the publish's output.</summary>
    public Task<CommandResult> PublishNativeAotAsync() => _nativeAot.Value;


    public async Task DisposeAsync()
    {
        System.IO.Directory.Delete(_root, recursive: true);
        await _library.DisposeAsync();
    }

    private static Task RunAsync(string directory, string program, params string[] arguments) =>
        ChildProcess.RunToSuccessAsync(new ProcessStartInfo(program, arguments) { WorkingDirectory = directory }, CommandLimit);

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
