using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>npm's oidc-provider (a certified OpenID Connect provider) as a real HTTPS process on loopback. Its keys
/// are chosen by the test, so stopping it and starting it with other keys is a key rotation.</summary>
public sealed class OidcProviderProcess(TestCertificateAuthority ca, string audience) : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>What the API is configured with: AUTH0_DOMAIN=localhost:{port}.</summary>
    public string Domain => $"localhost:{Port}";

    public string Issuer => $"https://localhost:{Port}/";

    public static RSA NewKey() => RSA.Create(2048);

    /// <summary>Starts serving with these keys (the first signs), and waits until its discovery document answers.</summary>
    public async Task StartAsync(params RSA[] keys)
    {
        var keysFile = Path.Combine(ca.Directory, $"jwks-{Port}.json");
        await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(new { keys = keys.Select(PrivateJwk).ToArray() }));
        var start = new ProcessStartInfo("node", ["provider.mjs"])
        {
            WorkingDirectory = Prerequisites.ProviderDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = Port.ToString();
        start.Environment["KEYS_FILE"] = keysFile;
        start.Environment["TLS_CERT"] = ca.ServerCertificateFile;
        start.Environment["TLS_KEY"] = ca.ServerKeyFile;
        start.Environment["AUDIENCE"] = audience;
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = ca.TrustingClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if ((await client.GetAsync(Issuer + ".well-known/openid-configuration")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("oidc-provider did not start within 10 s.");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async Task RestartAsync(params RSA[] keys)
    {
        await StopAsync();
        await StartAsync(keys);
    }

    /// <summary>An access token from the client_credentials grant: "admin-client" gets read:admin-messages, "plain-client" nothing.</summary>
    public async Task<string> TokenAsync(string client = "plain-client")
    {
        using var http = ca.TrustingClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = audience,
                ["scope"] = client == "admin-client" ? "read:admin-messages" : "",
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{client}:{client.Replace("-client", "-secret")}")));
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"oidc-provider refused a token: {body}");
    }

    private static object PrivateJwk(RSA key)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = "RS256",
            kid = Base64UrlEncoder.Encode(SHA256.HashData(p.Modulus!))[..16],
            n = Base64UrlEncoder.Encode(p.Modulus),
            e = Base64UrlEncoder.Encode(p.Exponent),
            d = Base64UrlEncoder.Encode(p.D),
            p = Base64UrlEncoder.Encode(p.P),
            q = Base64UrlEncoder.Encode(p.Q),
            dp = Base64UrlEncoder.Encode(p.DP),
            dq = Base64UrlEncoder.Encode(p.DQ),
            qi = Base64UrlEncoder.Encode(p.InverseQ),
        };
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
