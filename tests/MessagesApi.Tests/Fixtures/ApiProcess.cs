using System.Diagnostics;
using System.Text.RegularExpressions;
using MessagesApi.Health;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The built API as a real process, the way a user runs it: `dotnet MessagesApi.dll`, or the Native AOT
/// executable, with environment variables.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    // `token` and `healthcheck` finish in a second or two; this only bounds a hang.
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly ReservedPort _port;

    private ApiProcess(ChildProcess process, ReservedPort port)
    {
        _process = process;
        _port = port;
    }

    public int Port => _port.Port;

    public Uri BaseAddress => new($"http://localhost:{Port}");

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The API's build output folder, beside the test binaries' configuration (Debug or Release).</summary>
    public static string BuildDirectory { get; } = Path.Combine(
        RepositoryRoot.Path, "src", "MessagesApi", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    /// <summary>Runs a command of the API's (`token`, `healthcheck`) to completion.</summary>
    public static Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string> environment, string directory, params string[] arguments) =>
        ChildProcess.RunAsync(Command(environment, directory, arguments), CommandLimit);

    /// <summary>The built API trusting <paramref name="provider"/> (its test CA through SSL_CERT_FILE) for
    /// <paramref name="audience"/>, with <paramref name="settings"/> on top.</summary>
    public static Task<ApiProcess> StartTrustingAsync(OidcProviderProcess provider, TestCertificateAuthority ca, string audience, IEnumerable<(string Name, string Value)> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = provider.Domain,
            ["AUTH0_AUDIENCE"] = audience,
            ["SSL_CERT_FILE"] = ca.CaFile,
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        return StartAsync(environment);
    }

    /// <summary>Starts the API and waits until it listens on its port and /healthz answers. It runs in its build folder
    /// unless given another <paramref name="workingDirectory"/>. <c>{port}</c> in a value is the port it listens on
    /// (<c>PUBLIC_URL=http://localhost:{port}</c>).</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? directory = null, string? workingDirectory = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = new ReservedPort();
            var withPort = environment.ToDictionary(setting => setting.Key, setting => setting.Value.Replace("{port}", port.Port.ToString()));
            withPort["PORT"] = port.Port.ToString();
            var command = Command(withPort, directory ?? BuildDirectory);
            command.WorkingDirectory = workingDirectory ?? command.WorkingDirectory;
            var api = new ApiProcess(ChildProcess.Start(command), port);
            if (await api.ServesAsync())
                return api;
            var failure = $"The API exited with {await api.WaitForExitAsync(StartLimit)} before serving:\n{api.Output}";
            await api.DisposeAsync();
            // Only a process handed the port before it was reserved (a test run without reservations) can hold it;
            // that is a failure of the setup, not of the API, so start again on another port.
            if (attempt == StartAttempts || !failure.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(failure);
        }
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends SIGTERM, as Kubernetes and `docker stop` do.</summary>
    public void Terminate() => _process.Terminate();

    public Task<int> WaitForExitAsync(TimeSpan limit) => _process.WaitForExitAsync(limit);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _port.Dispose();
    }

    private static ProcessStartInfo Command(IReadOnlyDictionary<string, string> environment, string directory, params string[] arguments)
    {
        // A build holds MessagesApi.dll, started by dotnet; the Native AOT output only the executable itself.
        var assembly = Path.Combine(directory, "MessagesApi.dll");
        var start = File.Exists(assembly)
            ? new ProcessStartInfo("dotnet") { WorkingDirectory = directory, ArgumentList = { assembly } }
            : new ProcessStartInfo(Path.Combine(directory, "MessagesApi")) { WorkingDirectory = directory };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AUTH0_DOMAIN", "AUTH0_AUDIENCE", "PORT", "CLIENT_ORIGIN_URL", "PUBLIC_URL", "ASPNETCORE_URLS" })
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Production drains for 5 s on SIGTERM; a test that sets ShutdownDelay gets its own.
        start.Environment["ShutdownDelay"] = "00:00:00";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>True once this process listens on its port (so /healthz is its own) and answers; false if it exits first.</summary>
    private async Task<bool> ServesAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var listening = new Regex($@"Now listening on: http://[^\s""]+:{Port}(?!\d)");
        var serving = false;
        try
        {
            await Eventually.Until(async () => HasExited || (serving = listening.IsMatch(Output) && await AnswersAsync(client)), StartLimit);
        }
        catch (TimeoutException)
        {
            await DisposeAsync();
            throw new TimeoutException($"The API did not serve {HealthEndpoints.LivenessPath} within {StartLimit.TotalSeconds} s:\n{Output}");
        }
        return serving;
    }

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync(HealthEndpoints.LivenessPath)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
