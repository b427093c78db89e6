using ResourceServer.AspNetCore;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>DPoP (RFC 9449) behind a TLS-terminating reverse proxy, as the Kubernetes set-up runs it: Debian's nginx on
/// https in front of the built API on plain http, npm's oidc-provider binding tokens to a real DPoP client's key
/// (oidc/dpop-client.mjs, oauth4webapi), and the API configured as the README says for a proxy. The URL a proof must
/// name is the one clients call (PUBLIC_URL with its path, or what the trusted proxy forwarded), never the API's own
/// http URL.</summary>
public sealed class DpopBehindProxyTests(DpopBehindProxyTests.Deployments deployments) : IClassFixture<DpopBehindProxyTests.Deployments>
{
    private const string ProtectedPath = "api/messages/protected";

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_a_DPoP_client_calling_the_proxys_https_URL_gets_the_protected_message()
    {
        var deployment = await deployments.WithPublicUrlAsync();

        var call = await deployments.DpopClientCallsAsync(deployment.PublicUrl(ProtectedPath));

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, """{"text":"This is a protected message."}"""), call.WwwAuthenticate);
    }

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_a_proof_made_here_for_the_proxys_https_URL_gets_the_protected_message()
    {
        var deployment = await deployments.WithPublicUrlAsync();

        var response = await deployments.CallThroughProxyAsync(deployment, ProtectedPath, proofUrl: deployment.PublicUrl(ProtectedPath));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "this is the control for the refusals below: the same key, token and kind of proof, naming the URL the client called");
    }

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_a_proof_naming_the_APIs_internal_http_URL_is_refused()
    {
        var deployment = await deployments.WithPublicUrlAsync();

        var response = await deployments.CallThroughProxyAsync(deployment, ProtectedPath, proofUrl: deployment.InternalUrl(ProtectedPath));

        response.Should().BeRefusedAsAnInvalidDpopProof();
    }

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_a_proof_for_another_server_is_refused_even_with_that_servers_Host_header()
    {
        var deployment = await deployments.WithPublicUrlAsync();

        var response = await deployments.CallThroughProxyAsync(
            deployment, ProtectedPath, proofUrl: new Uri($"https://other-api.example/{ProtectedPath}"), host: "other-api.example");

        response.Should().BeRefusedAsAnInvalidDpopProof();
    }

    [ReverseProxyFact]
    public async Task With_only_the_proxy_trusted_a_DPoP_client_calling_the_proxys_https_URL_gets_the_protected_message()
    {
        var deployment = await deployments.WithForwardedHeadersOnlyAsync();

        var call = await deployments.DpopClientCallsAsync(deployment.PublicUrl(ProtectedPath));

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, """{"text":"This is a protected message."}"""), call.WwwAuthenticate);
    }

    [ReverseProxyFact]
    public async Task With_only_the_proxy_trusted_a_proof_naming_the_APIs_internal_http_URL_is_refused()
    {
        var deployment = await deployments.WithForwardedHeadersOnlyAsync();

        var response = await deployments.CallThroughProxyAsync(deployment, ProtectedPath, proofUrl: deployment.InternalUrl(ProtectedPath));

        response.Should().BeRefusedAsAnInvalidDpopProof();
    }

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_under_a_path_a_DPoP_client_calling_the_proxys_URL_under_that_path_gets_the_protected_message()
    {
        var deployment = await deployments.UnderAPathAsync();

        var call = await deployments.DpopClientCallsAsync(deployment.PublicUrl(ProtectedPath));

        (call.Status, call.Body).Should().Be((HttpStatusCode.OK, """{"text":"This is a protected message."}"""), call.WwwAuthenticate);
    }

    [ReverseProxyFact]
    public async Task With_PUBLIC_URL_under_a_path_a_proof_naming_the_URL_without_that_path_is_refused()
    {
        var deployment = await deployments.UnderAPathAsync();

        var response = await deployments.CallThroughProxyAsync(
            deployment, ProtectedPath, proofUrl: new Uri(deployment.Proxy.BaseAddress, ProtectedPath));

        response.Should().BeRefusedAsAnInvalidDpopProof();
    }

    [ReverseProxyFact]
    public async Task With_neither_PUBLIC_URL_nor_a_trusted_proxy_a_DPoP_client_is_refused_with_a_reason_naming_PUBLIC_URL()
    {
        var deployment = await deployments.UnconfiguredAsync();

        var call = await deployments.DpopClientCallsAsync(deployment.PublicUrl(ProtectedPath));

        call.Status.Should().Be(HttpStatusCode.Unauthorized);
        call.WwwAuthenticate.Should().Contain("PUBLIC_URL", "the API cannot know the URL clients call, and says which setting tells it");
    }

    [ReverseProxyFact]
    public async Task With_neither_PUBLIC_URL_nor_a_trusted_proxy_a_proof_naming_the_URL_the_API_sees_is_refused()
    {
        var deployment = await deployments.UnconfiguredAsync();

        var response = await deployments.CallThroughProxyAsync(
            deployment, ProtectedPath, proofUrl: new Uri($"http://127.0.0.1:{deployment.Api.Port}/{ProtectedPath}"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("PUBLIC_URL", "the Host header the API sees cannot say which URL a proof must name");
    }

    /// <summary>The API as a real process behind nginx, configured one way.</summary>
    public sealed record Deployment(ApiProcess Api, NginxProcess Proxy, Uri PublicBase)
    {
        /// <summary>Where clients call <paramref name="path"/>: through the proxy, under the public base.</summary>
        public Uri PublicUrl(string path) => new(PublicBase, path);

        /// <summary>The API's own plain http URL, which only the proxy calls.</summary>
        public Uri InternalUrl(string path) => new(Api.BaseAddress, path);
    }

    /// <summary>The provider, started once for the class, and each deployment started by the first test that asks for
    /// it, so a class whose tests are skipped starts nothing.</summary>
    public sealed class Deployments : IAsyncLifetime
    {
        private const string Audience = "https://messages-api.proxy.e2e";
        private static readonly TimeSpan ScriptLimit = TimeSpan.FromSeconds(30);

        private readonly TestCertificateAuthority _ca = new();
        private readonly OidcProviderProcess _provider;
        private readonly Lazy<Task> _providerStarted;
        private readonly Lazy<Task<Deployment>> _withPublicUrl;
        private readonly Lazy<Task<Deployment>> _withForwardedHeadersOnly;
        private readonly Lazy<Task<Deployment>> _underAPath;
        private readonly Lazy<Task<Deployment>> _unconfigured;
        private readonly Lazy<Task<string>> _boundToken;
        private readonly DpopKey _key = new();
        private readonly List<IAsyncDisposable> _started = [];

        public Deployments()
        {
            _provider = new OidcProviderProcess(_ca, Audience);
            _providerStarted = new(() => _provider.StartAsync(OidcProviderProcess.NewKey()));
            // PUBLIC_URL is the proxy's origin; the proxy is trusted too, as it would be for the client's address.
            _withPublicUrl = new(() => DeployAsync("/", port => new()
            {
                ["PUBLIC_URL"] = $"https://localhost:{port}",
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            }));
            // No PUBLIC_URL: the URL clients called is what the trusted proxy forwarded (X-Forwarded-Proto and -Host).
            _withForwardedHeadersOnly = new(() => DeployAsync("/", _ => new()
            {
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            }));
            // The README's PUBLIC_URL under a path: the proxy serves the API at /messages-api/ and strips that prefix.
            _underAPath = new(() => DeployAsync("/messages-api/", port => new()
            {
                ["PUBLIC_URL"] = $"https://localhost:{port}/messages-api",
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            }));
            // As Production starts with only AUTH0_DOMAIN and AUTH0_AUDIENCE: the URL the API sees is nginx's upstream
            // (http://127.0.0.1:{port}), which no client calls.
            _unconfigured = new(() => DeployAsync("/", _ => []));
            _boundToken = new(BoundTokenAsync);
        }

        public Task<Deployment> WithPublicUrlAsync() => _withPublicUrl.Value;

        public Task<Deployment> WithForwardedHeadersOnlyAsync() => _withForwardedHeadersOnly.Value;

        public Task<Deployment> UnderAPathAsync() => _underAPath.Value;

        public Task<Deployment> UnconfiguredAsync() => _unconfigured.Value;

        public Task InitializeAsync() => Task.CompletedTask;

        /// <summary>The real DPoP client gets a bound token and calls <paramref name="apiUrl"/> with a fresh proof for it
        /// (retrying once with a nonce if asked); its last call.</summary>
        public async Task<DpopEndToEndTests.Exchange> DpopClientCallsAsync(Uri apiUrl)
        {
            await _providerStarted.Value;
            var start = new ProcessStartInfo("node", ["dpop-client.mjs", _provider.Issuer, apiUrl.ToString()])
            {
                WorkingDirectory = Prerequisites.ProviderDirectory,
            };
            start.Environment["AUDIENCE"] = Audience;
            start.Environment["NODE_EXTRA_CA_CERTS"] = _ca.CaFile;
            var client = await ChildProcess.RunAsync(start, ScriptLimit);
            client.ExitCode.Should().Be(0, client.StandardError);
            var call = client.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Last(line => line.GetProperty("step").GetString() == "call");
            return DpopEndToEndTests.Exchange.From(call);
        }

        /// <summary>GET <paramref name="path"/> through the proxy's https URL with a token bound to this test's key and a
        /// fresh proof naming <paramref name="proofUrl"/>, with the Host header <paramref name="host"/> if given.</summary>
        public async Task<HttpResponseMessage> CallThroughProxyAsync(Deployment deployment, string path, Uri proofUrl, string? host = null)
        {
            var token = await _boundToken.Value;
            using var http = _ca.TrustingClient();
            var request = new HttpRequestMessage(HttpMethod.Get, deployment.PublicUrl(path));
            request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
            request.Headers.Add("DPoP", _key.ProofFor("GET", proofUrl.ToString(), token).Build());
            if (host is not null)
                request.Headers.Host = host;
            return await http.SendAsync(request);
        }

        private async Task<Deployment> DeployAsync(string mountPath, Func<int, Dictionary<string, string>> settings)
        {
            await _providerStarted.Value;
            var proxyPort = new ReservedPort();
            var environment = new Dictionary<string, string>(settings(proxyPort.Port))
            {
                ["AUTH0_DOMAIN"] = _provider.Domain,
                ["AUTH0_AUDIENCE"] = Audience,
                ["SSL_CERT_FILE"] = _ca.CaFile,
            };
            ApiProcess api;
            try
            {
                api = await ApiProcess.StartAsync(environment);
            }
            catch
            {
                proxyPort.Dispose();
                throw;
            }
            lock (_started)
                _started.Add(api);
            var proxy = await NginxProcess.StartAsync(_ca, proxyPort, api.Port, mountPath);
            lock (_started)
                _started.Add(proxy);
            return new Deployment(api, proxy, new Uri(proxy.BaseAddress, mountPath));
        }

        /// <summary>A token bound to <see cref="_key"/>: the client_credentials grant with a DPoP proof for the token endpoint.</summary>
        private async Task<string> BoundTokenAsync()
        {
            await _providerStarted.Value;
            var tokenEndpoint = Auth0Options.UnderIssuer(_provider.Issuer, "/token");
            using var http = _ca.TrustingClient();
            var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = Audience }),
            };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String("dpop-client:dpop-secret"u8.ToArray()));
            request.Headers.Add("DPoP", _key.ProofFor("POST", tokenEndpoint, "").Without("ath").Build());
            var response = await http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            response.IsSuccessStatusCode.Should().BeTrue($"oidc-provider should issue a bound token: {body}");
            body.GetProperty("token_type").GetString().Should().Be("DPoP");
            return body.GetProperty("access_token").GetString()!;
        }

        public async Task DisposeAsync()
        {
            foreach (var started in Enumerable.Reverse(_started))
                await started.DisposeAsync();
            await _provider.DisposeAsync();
            _ca.Dispose();
        }
    }
}
