using ResourceServer.AspNetCore;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>npm's oidc-provider (a certified OpenID Connect provider) as a real HTTPS process on loopback. Its keys
/// are chosen by the test, so stopping it and starting it with other keys is a key rotation.
/// With an <c>issuerPath</c> its issuer has that path and no trailing slash, as Keycloak's, Okta's and Entra ID's do.</summary>
public sealed class OidcProviderProcess(TestCertificateAuthority ca, string audience, string issuerPath = "") : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private ReservedPort? _port;
    private bool _hasListened;
    private ChildProcess? _process;

    /// <summary>Chosen at the first start and held through stops and restarts, since the API is configured with it.</summary>
    public int Port => (_port ?? throw new InvalidOperationException("The provider's port is chosen when it first starts.")).Port;

    /// <summary>What the API is configured with: AUTH0_DOMAIN=localhost:{port}, or the full issuer URL when it has a path.</summary>
    public string Domain => issuerPath == "" ? $"localhost:{Port}" : Issuer;

    public string Issuer => issuerPath == "" ? $"https://localhost:{Port}/" : $"https://localhost:{Port}{issuerPath}";

    public static RSA NewKey() => RSA.Create(2048);

    /// <summary>The provider's TLS asks clients for a certificate (any, self-signed included), which its mTLS token
    /// endpoint binds mtls-client's tokens to.</summary>
    public bool AsksForClientCertificates { get; init; }

    /// <summary>The public JWKS (JSON) of messages-api-jwt, which may then introspect authenticating by private_key_jwt
    /// with those keys; unset, that client does not exist.</summary>
    public string? ApiJwks { get; init; }

    /// <summary>Tokens as this provider signs them with <paramref name="key"/> (one of the keys it was started with),
    /// minted by the test: expired, for another user, or anything else the provider would not issue on request.</summary>
    public TestIssuer SignerWith(RSA key) => new(Issuer, new SigningKey(key, KeyIdOf(key)));

    private static string KeyIdOf(RSA key) => Base64UrlEncoder.Encode(SHA256.HashData(key.ExportParameters(false).Modulus!))[..16];

    /// <summary>Starts serving with these keys (the first signs), and waits until it listens.</summary>
    public async Task StartAsync(params RSA[] keys)
    {
        var keysFile = Path.Combine(ca.Directory, "provider-jwks.json");
        await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(new { keys = keys.Select(PrivateJwk).ToArray() }));
        for (var attempt = 1; ; attempt++)
        {
            _port ??= new ReservedPort();
            _process = ChildProcess.Start(Command(keysFile));
            if (await ListensAsync(_process))
            {
                _hasListened = true;
                return;
            }
            var failure = $"oidc-provider exited with {await _process.WaitForExitAsync(StartLimit)} before listening:\n{_process.Output}";
            await StopAsync();
            // Only a process handed the port before it was reserved (a test run without reservations) can hold it.
            // Before the first start nobody depends on the port yet, so another one will do.
            if (_hasListened || attempt == StartAttempts || !failure.Contains("EADDRINUSE", StringComparison.Ordinal))
                throw new InvalidOperationException(failure);
            _port.Dispose();
            _port = null;
        }
    }

    /// <summary>Kills the provider; its port stays reserved, so connections to it are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _process = null;
    }

    public async Task RestartAsync(params RSA[] keys)
    {
        await StopAsync();
        await StartAsync(keys);
    }

    /// <summary>An access token from the client_credentials grant: "admin-client" gets read:admin-messages, "plain-client"
    /// nothing; "opaque-client" and "opaque-admin-client" the same as opaque tokens, which only introspection can read.</summary>
    public Task<string> TokenAsync(string client = "plain-client") => RequestTokenAsync(client, certificate: null, dpopKey: null);

    /// <summary>A token for mtls-client, which the provider binds (cnf x5t#S256) to <paramref name="certificate"/>,
    /// presented in the TLS handshake with its token endpoint.</summary>
    public Task<string> CertificateBoundTokenAsync(X509Certificate2 certificate) => RequestTokenAsync("mtls-client", certificate, dpopKey: null);

    /// <summary>A token the provider binds (cnf.jkt) to <paramref name="key"/>, which signs the DPoP proof of the token
    /// request: for "opaque-dpop-client" an opaque one, whose introspection answer carries the binding.</summary>
    public Task<string> DpopBoundTokenAsync(DpopKey key, string client = "opaque-dpop-client") => RequestTokenAsync(client, certificate: null, key);

    /// <summary>Revokes <paramref name="token"/> (RFC 7009) as the client it was issued to; its introspection answers
    /// <c>{"active":false}</c> from then on.</summary>
    public async Task RevokeAsync(string token, string client)
    {
        using var http = ca.TrustingClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Auth0Options.UnderIssuer(Issuer, "/token/revocation"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }),
        };
        request.Headers.Authorization = ClientCredentials(client);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"oidc-provider refused to revoke a token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> RequestTokenAsync(string client, X509Certificate2? certificate, DpopKey? dpopKey)
    {
        using var http = ca.TrustingClient(certificate);
        var tokenEndpoint = Auth0Options.UnderIssuer(Issuer, "/token");
        var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = audience,
                ["scope"] = client is "admin-client" or "opaque-admin-client" ? "read:admin-messages" : "",
            }),
        };
        request.Headers.Authorization = ClientCredentials(client);
        // A proof of a token request names no access token (no ath).
        if (dpopKey is not null)
            request.Headers.Add("DPoP", dpopKey.ProofFor("POST", tokenEndpoint, "").Without("ath").Build());
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"oidc-provider refused a token: {body}");
    }

    /// <summary>client_secret_basic with the test clients' secret: "x-client" has "x-secret".</summary>
    private static AuthenticationHeaderValue ClientCredentials(string client) =>
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{client}:{client.Replace("-client", "-secret")}")));

    private static object PrivateJwk(RSA key)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = "RS256",
            kid = KeyIdOf(key),
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

    private ProcessStartInfo Command(string keysFile)
    {
        var start = new ProcessStartInfo("node", ["provider.mjs"]) { WorkingDirectory = Prerequisites.ProviderDirectory };
        start.Environment["PORT"] = Port.ToString();
        start.Environment["KEYS_FILE"] = keysFile;
        start.Environment["TLS_CERT"] = ca.ServerCertificateFile;
        start.Environment["TLS_KEY"] = ca.ServerKeyFile;
        start.Environment["AUDIENCE"] = audience;
        start.Environment["ISSUER_PATH"] = issuerPath;
        start.Environment["MTLS"] = AsksForClientCertificates ? "1" : "";
        start.Environment["API_JWKS"] = ApiJwks ?? "";
        return start;
    }

    private static async Task<bool> ListensAsync(ChildProcess provider)
    {
        try
        {
            await Eventually.Until(() => provider.HasExited || provider.Output.Contains("oidc-provider listening on"), StartLimit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"oidc-provider did not listen within {StartLimit.TotalSeconds} s:\n{provider.Output}");
        }
        return !provider.HasExited;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _port?.Dispose();
    }
}
