using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Certificate-bound tokens (RFC 8705) end to end: npm's oidc-provider binds mtls-client's token to the
/// certificate it presented at the token endpoint; the built API serves HTTPS on Kestrel, client certificates allowed
/// (Auth0__CertificateBinding__Enabled, the README's settings); curl is the client, straight to Kestrel or through Debian's
/// nginx, which terminates TLS and forwards the client's certificate in ssl-client-cert as the only trusted proxy.</summary>
public sealed class CertificateBoundProcessTests(CertificateBoundProcessTests.Deployment deployment) : IClassFixture<CertificateBoundProcessTests.Deployment>
{
    private const string Protected = "api/messages/protected";
    private const string ProtectedMessage = """{"text":"This is a protected message."}""";
    private const string Mismatch =
        """{"message":"Bad credentials","error":"invalid_token","error_description":"The token is bound to another client certificate than the one presented."}""";

    [CertificateClientFact]
    public async Task Presenting_the_certificate_the_provider_bound_the_token_to_kestrel_serves_the_protected_message()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Kestrel(Protected), deployment.Client);

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    [CertificateClientFact]
    public async Task Presenting_another_certificate_to_kestrel_is_refused()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Kestrel(Protected), deployment.Other);

        (call.Status, call.Body).Should().Be((HttpStatusCode.Unauthorized, Mismatch));
    }

    [CertificateClientFact]
    public async Task Presenting_no_certificate_to_kestrel_is_refused()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Kestrel(Protected), certificate: null);

        (call.Status, call.Body).Should().Be((HttpStatusCode.Unauthorized,
            """{"message":"Bad credentials","error":"invalid_token","error_description":"The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS."}"""));
    }

    [CertificateClientFact]
    public async Task Through_nginx_forwarding_the_certificate_the_bound_client_gets_the_protected_message()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Proxied(Protected), deployment.Client);

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    [CertificateClientFact]
    public async Task Through_nginx_another_certificate_is_refused()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Proxied(Protected), deployment.Other);

        (call.Status, call.Body).Should().Be((HttpStatusCode.Unauthorized, Mismatch));
    }

    [CertificateClientFact]
    public async Task A_certificate_header_sent_to_the_api_by_anyone_but_the_trusted_proxy_is_ignored()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Http(Protected), certificate: null, ("ssl-client-cert", PresentedCertificate.NginxEscaped(deployment.Client.Certificate)));

        (call.Status, call.Body).Should().Be((HttpStatusCode.Unauthorized,
            """{"message":"Bad credentials","error":"invalid_token","error_description":"The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS."}"""));
    }

    [CertificateClientFact]
    public async Task A_certificate_header_a_client_sends_through_nginx_is_replaced_by_the_certificate_it_presented()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Proxied(Protected), deployment.Other, ("ssl-client-cert", PresentedCertificate.NginxEscaped(deployment.Client.Certificate)));

        (call.Status, call.Body).Should().Be((HttpStatusCode.Unauthorized, Mismatch));
    }

    [CertificateClientFact]
    public async Task An_unbound_token_is_served_over_kestrel_with_a_certificate()
    {
        var running = await deployment.RunningAsync();

        var call = await running.CurlAsync(running.Kestrel(Protected), deployment.Client, token: await deployment.UnboundTokenAsync());

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, ProtectedMessage));
    }

    public sealed record Curl(HttpStatusCode Status, string Body);

    /// <summary>A client certificate and its key as the PEM files curl reads.</summary>
    public sealed record ClientFiles(X509Certificate2 Certificate, string CertificateFile, string KeyFile);

    /// <summary>The API, its HTTPS port and nginx, once started.</summary>
    public sealed record Running(ApiProcess Api, int HttpsPort, NginxProcess Proxy, string Token, string CaFile)
    {
        public Uri Kestrel(string path) => new($"https://127.0.0.1:{HttpsPort}/{path}");

        public Uri Proxied(string path) => new(Proxy.BaseAddress, path);

        public Uri Http(string path) => new(Api.BaseAddress, path);

        public async Task<Curl> CurlAsync(Uri url, ClientFiles? certificate, (string Name, string Value)? header = null, string? token = null)
        {
            var start = new ProcessStartInfo(Prerequisites.CurlPath);
            foreach (var argument in new[] { "--silent", "--show-error", "--max-time", "20", "--cacert", CaFile, "--write-out", "\n%{http_code}",
                         "--header", $"Authorization: Bearer {token ?? Token}" })
                start.ArgumentList.Add(argument);
            if (certificate is not null)
                foreach (var argument in new[] { "--cert", certificate.CertificateFile, "--key", certificate.KeyFile })
                    start.ArgumentList.Add(argument);
            if (header is { } extra)
                foreach (var argument in new[] { "--header", $"{extra.Name}: {extra.Value}" })
                    start.ArgumentList.Add(argument);
            start.ArgumentList.Add(url.ToString());
            var curl = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));
            curl.ExitCode.Should().Be(0, curl.StandardError);
            var lines = curl.StandardOutput.TrimEnd('\n').Split('\n');
            return new((HttpStatusCode)int.Parse(lines[^1]), string.Join('\n', lines[..^1]));
        }
    }

    /// <summary>The provider, the API and nginx, started by the first test that asks, so a skipped class starts nothing.</summary>
    public sealed class Deployment : IAsyncLifetime
    {
        private const string Audience = "https://messages-api.mtls.e2e";

        private readonly TestCertificateAuthority _ca = new();
        private readonly OidcProviderProcess _provider;
        private readonly Lazy<Task<Running>> _running;
        private readonly ReservedPort _httpsPort = new();
        private readonly List<IAsyncDisposable> _started = [];

        public Deployment()
        {
            _provider = new OidcProviderProcess(_ca, Audience) { AsksForClientCertificates = true };
            Client = Files("client");
            Other = Files("other");
            _running = new(StartAsync);
        }

        public ClientFiles Client { get; }

        public ClientFiles Other { get; }

        public Task<Running> RunningAsync() => _running.Value;

        public Task<string> UnboundTokenAsync() => _provider.TokenAsync();

        private ClientFiles Files(string name)
        {
            var certificate = PresentedCertificate.SelfSigned($"CN={name}");
            var files = new ClientFiles(certificate, Path.Combine(_ca.Directory, $"{name}.pem"), Path.Combine(_ca.Directory, $"{name}-key.pem"));
            File.WriteAllText(files.CertificateFile, certificate.ExportCertificatePem());
            File.WriteAllText(files.KeyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            return files;
        }

        private async Task<Running> StartAsync()
        {
            await _provider.StartAsync(OidcProviderProcess.NewKey());
            var token = await _provider.CertificateBoundTokenAsync(Client.Certificate);
            var api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["AUTH0_DOMAIN"] = _provider.Domain,
                ["AUTH0_AUDIENCE"] = Audience,
                ["SSL_CERT_FILE"] = _ca.CaFile,
                ["Auth0__CertificateBinding__Enabled"] = "true",
                ["Auth0__CertificateBinding__ForwardedHeader"] = "ssl-client-cert",
                ["ForwardedHeaders__KnownProxies"] = NginxProcess.ForwardingAddress,
                ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{_httpsPort.Port}",
                ["Kestrel__Endpoints__Https__Certificate__Path"] = _ca.ServerCertificateFile,
                ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = _ca.ServerKeyFile,
            });
            lock (_started)
                _started.Add(api);
            var proxy = await NginxProcess.StartAsync(_ca, new ReservedPort(), api.Port, forwardedCertificate: "ssl-client-cert");
            lock (_started)
                _started.Add(proxy);
            return new Running(api, _httpsPort.Port, proxy, token, _ca.CaFile);
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var started in _started)
                await started.DisposeAsync();
            await _provider.DisposeAsync();
            _httpsPort.Dispose();
            _ca.Dispose();
        }
    }
}
