using System.Diagnostics;
using System.Net.Sockets;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Debian's nginx as a TLS-terminating reverse proxy on loopback, as an ingress controller runs in front of the
/// API: https on its own port with the test CA's localhost certificate, plain http to the API, and the X-Forwarded-*
/// headers set. It runs as the current user, as one process (no workers to outlive it), with its configuration, pid,
/// logs and temp files in a folder of its own.</summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly ReservedPort _port;
    private readonly string _directory;

    private NginxProcess(ChildProcess process, ReservedPort port, string directory)
    {
        _process = process;
        _port = port;
        _directory = directory;
    }

    public int Port => _port.Port;

    /// <summary>Where a proxy that forwards client certificates connects to the API from: an address of its own, so
    /// that a client on this machine calling the API directly is not the trusted proxy.</summary>
    public const string ForwardingAddress = "127.0.0.2";

    /// <summary>The proxy's public origin, as clients call it.</summary>
    public Uri BaseAddress => new($"https://localhost:{Port}");

    public string Output => _process.Output + "\n" + ErrorLog();

    /// <summary>Listens on <paramref name="port"/> (reserved by the caller, who may have told the API its public URL
    /// already; nginx owns it from here) and proxies <paramref name="mountPath"/> ("/" or e.g. "/messages-api/") to the
    /// same path with that prefix removed on the API's plain http port.
    /// With <paramref name="forwardedCertificate"/> it asks clients for a certificate (any) and passes it on, URL-encoded
    /// PEM, in that header, connecting to the API from <see cref="ForwardingAddress"/> so the API can trust it alone.</summary>
    public static async Task<NginxProcess> StartAsync(TestCertificateAuthority ca, ReservedPort port, int upstreamPort, string mountPath = "/",
        string? forwardedCertificate = null)
    {
        var directory = Directory.CreateTempSubdirectory("messagesapi-nginx-").FullName;
        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(ca, directory, port.Port, upstreamPort, mountPath, forwardedCertificate));
        var start = new ProcessStartInfo(Prerequisites.NginxPath) { WorkingDirectory = directory };
        foreach (var argument in new[] { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", configuration })
            start.ArgumentList.Add(argument);
        var nginx = new NginxProcess(ChildProcess.Start(start), port, directory);
        try
        {
            await Eventually.Until(async () => nginx._process.HasExited || await AcceptsAsync(port.Port), StartLimit, "nginx to listen");
        }
        catch (TimeoutException)
        {
            var output = nginx.Output;
            await nginx.DisposeAsync();
            throw new TimeoutException($"nginx did not listen within {StartLimit.TotalSeconds} s:\n{output}");
        }
        if (nginx._process.HasExited)
        {
            var output = nginx.Output;
            await nginx.DisposeAsync();
            throw new InvalidOperationException($"nginx exited before listening:\n{output}");
        }
        return nginx;
    }

    // `$http_host`, not `$host`: nginx's $host drops the port, and this proxy listens on a port that is not 443, so the
    // forwarded URL would name another origin than the one clients call. ingress-nginx forwards the port too.
    private static string Configuration(TestCertificateAuthority ca, string directory, int port, int upstreamPort, string mountPath, string? forwardedCertificate) => $$"""
        daemon off;
        master_process off;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log notice;
        events { worker_connections 64; }
        http {
          access_log {{directory}}/access.log;
          client_body_temp_path {{directory}}/client_body;
          proxy_temp_path {{directory}}/proxy;
          fastcgi_temp_path {{directory}}/fastcgi;
          uwsgi_temp_path {{directory}}/uwsgi;
          scgi_temp_path {{directory}}/scgi;
          server {
            listen 127.0.0.1:{{port}} ssl;
            listen [::1]:{{port}} ssl;
            ssl_certificate {{ca.ServerCertificateFile}};
            ssl_certificate_key {{ca.ServerKeyFile}};
            {{(forwardedCertificate is null ? "" : "ssl_verify_client optional_no_ca;")}}
            location {{mountPath}} {
              {{(forwardedCertificate is null ? "" : $"proxy_set_header {forwardedCertificate} $ssl_client_escaped_cert; proxy_bind {ForwardingAddress};")}}
              proxy_pass http://127.0.0.1:{{upstreamPort}}/;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_set_header X-Forwarded-Host $http_host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            }
          }
        }
        """;

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string ErrorLog()
    {
        var log = Path.Combine(_directory, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _port.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
