using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests.Fixtures;

/// <summary>An OpenID Connect issuer that lives in the test: its discovery document and JWKS reach the API through
/// the API's own backchannel HttpClient (see <see cref="Backchannel"/>), so keys go through the real fetch path.</summary>
public sealed class TestIssuer
{
    private readonly List<SigningKey> _published;
    private readonly List<Dictionary<string, string>> _otherJwks = [];
    private readonly ConcurrentQueue<string> _requestedUrls = new();
    private int _discoveryRequests;
    private int _jwksRequests;

    /// <summary>An issuer at <paramref name="issuer"/> signing with <paramref name="key"/> (a new key unless given: a
    /// real issuer's key, to mint tokens it would have signed).</summary>
    public TestIssuer(string issuer = "https://issuer.test/", SigningKey? key = null)
    {
        Issuer = issuer;
        CurrentKey = key ?? new SigningKey();
        _published = [CurrentKey];
        Backchannel = new IssuerHttpHandler(this);
        Introspection = new IntrospectionEndpoint(issuer);
    }

    /// <summary>Its introspection endpoint, which its discovery document names, and the opaque tokens it issued.</summary>
    public IntrospectionEndpoint Introspection { get; }

    public string Issuer { get; }

    public SigningKey CurrentKey { get; private set; }

    public HttpMessageHandler Backchannel { get; }

    public IssuerState State { get; set; } = IssuerState.Up;

    /// <summary>The issuer its discovery document names; a misconfigured or impersonating issuer names another.</summary>
    public string? DiscoveryIssuer { get; set; }

    /// <summary>Whether the JWKS gives each key its kid; some issuers publish keys without one.</summary>
    public bool PublishesKeyIds { get; set; } = true;

    /// <summary>False: the discovery document names no jwks_uri (null).</summary>
    public bool PublishesJwksUri { get; set; } = true;

    /// <summary>Every backchannel request, answered or not: a fetch attempted during an outage counts here.</summary>
    public int Requests => _requestedUrls.Count;

    public int DiscoveryRequests => _discoveryRequests;

    public int JwksRequests => _jwksRequests;

    /// <summary>Every URL the API's backchannel asked this issuer for, including ones it does not serve
    /// (<see cref="ApiFactory"/> routes each backchannel request not meant for a second issuer here).</summary>
    public IReadOnlyCollection<string> RequestedUrls => _requestedUrls;

    public TokenBuilder Token() => new TokenBuilder(this).SignedWith(CurrentKey);

    /// <summary>A token with this issuer's header and claims whose signature is from another key under the current
    /// <c>kid</c>: refused as a bad signature after the crypto, and each one distinct, so no cache answers for it.</summary>
    public string ForgedToken() => Token().With("jti", Guid.NewGuid().ToString()).SignedWith(new SigningKey(CurrentKey.KeyId)).Build();

    /// <summary>Publishes a new key (RS256 unless asked) and signs with it from now on; the old one stays published until withdrawn.</summary>
    public SigningKey Rotate(string algorithm = Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256)
    {
        var next = new SigningKey(algorithm: algorithm);
        lock (_published)
            _published.Insert(0, next);
        CurrentKey = next;
        return next;
    }

    /// <summary>Publishes a key beside the others without signing with it.</summary>
    public void Publish(SigningKey key)
    {
        lock (_published)
            _published.Add(key);
    }

    /// <summary>Publishes any JWKS entry as given, after the RSA keys: an EC key, an encryption key, a malformed one.</summary>
    public void PublishJwk(Dictionary<string, string> jwk)
    {
        lock (_published)
            _otherJwks.Add(jwk);
    }

    public void Withdraw(SigningKey key)
    {
        lock (_published)
            _published.Remove(key);
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        _requestedUrls.Enqueue(url);
        if (State == IssuerState.Refusing)
            throw new HttpRequestException("Connection refused (test issuer is down)");
        if (State == IssuerState.Hanging)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (State == IssuerState.Failing)
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        if (url == Auth0Options.UnderIssuer(Issuer, "/.well-known/openid-configuration"))
        {
            Interlocked.Increment(ref _discoveryRequests);
            return Json(new
            {
                issuer = DiscoveryIssuer ?? Issuer,
                jwks_uri = PublishesJwksUri ? Auth0Options.UnderIssuer(Issuer, "/.well-known/jwks.json") : null,
                id_token_signing_alg_values_supported = new[] { "RS256" },
                introspection_endpoint = Introspection.Url,
            });
        }
        if (url == Introspection.Url)
            return await Introspection.AnswerAsync(request);
        if (url == Auth0Options.UnderIssuer(Issuer, "/.well-known/jwks.json"))
        {
            Interlocked.Increment(ref _jwksRequests);
            lock (_published)
                return Json(new { keys = _published.Select(k => k.PublicJwk(PublishesKeyIds)).Concat(_otherJwks).ToArray() });
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(object body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json") };

    private sealed class IssuerHttpHandler(TestIssuer issuer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            issuer.AnswerAsync(request, cancellationToken);

        // HttpClientFactory disposes expired handlers; this one lives as long as the test issuer.
        protected override void Dispose(bool disposing)
        {
        }
    }
}

public enum IssuerState
{
    Up,
    Refusing,
    Failing,
    Hanging,
}
