using System.Collections.Concurrent;
using System.Diagnostics;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The built API as a real process, the way a user runs it: `dotnet MessagesApi.dll` with environment variables.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://localhost:{port}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The API's build output folder, beside the test binaries' configuration (Debug or Release).</summary>
    public static string BuildDirectory { get; } = Path.Combine(
        RepositoryRoot.Path, "src", "MessagesApi", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, "MessagesApi.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AUTH0_DOMAIN", "AUTH0_AUDIENCE", "PORT", "CLIENT_ORIGIN_URL", "ASPNETCORE_URLS" })
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>Starts the API and waits until /healthz answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? directory = null)
    {
        var port = FreePort.Next();
        var withPort = new Dictionary<string, string>(environment) { ["PORT"] = port.ToString() };
        var api = new ApiProcess(Process.Start(StartInfo(withPort, directory ?? BuildDirectory))!, port);
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (api.HasExited)
                throw new InvalidOperationException($"The API exited with {api.ExitCode}:\n{api.Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    return api;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new TimeoutException($"The API did not answer /healthz within 30 s:\n{api.Output}");
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends SIGTERM, as Kubernetes and `docker stop` do.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
