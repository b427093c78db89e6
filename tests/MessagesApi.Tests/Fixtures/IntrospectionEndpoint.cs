using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The test issuer's RFC 7662 introspection endpoint: opaque tokens it issued, answered active with their claims
/// until revoked, for the client <see cref="ClientId"/> authenticating with <see cref="ClientSecret"/> by HTTP Basic.</summary>
public sealed class IntrospectionEndpoint(string issuer)
{
    public const string ClientId = "messages-api";
    public const string ClientSecret = "introspection secret: never logged";

    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _issued = new(StringComparer.Ordinal);
    private int _calls;

    public string Url => ResourceServer.AspNetCore.Auth0Options.UnderIssuer(issuer, "/oauth/introspect");

    /// <summary>Calls answered or not, each one a request to the endpoint.</summary>
    public int Calls => _calls;

    /// <summary>Set, the client may authenticate instead by a <c>private_key_jwt</c> assertion this key signed.</summary>
    public System.Security.Cryptography.ECDsa? AssertionKey { get; set; }

    /// <summary>Set, each call waits for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>A new opaque token whose introspection answer is active with these claims (an aud for the API, an
    /// hour's exp and a subject unless given).</summary>
    public string Issue(Dictionary<string, object?>? claims = null)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "opaque";
        var answer = new Dictionary<string, object?>
        {
            ["iss"] = issuer,
            ["sub"] = "auth0|opaque-user",
            ["aud"] = TokenBuilder.Audience,
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
            ["client_id"] = "a-web-app",
        };
        foreach (var (name, value) in claims ?? [])
        {
            if (value is null)
                answer.Remove(name);
            else
                answer[name] = value;
        }
        _issued[token] = answer;
        return token;
    }

    public void Revoke(string token) => _issued.TryRemove(token, out _);

    public async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
            await gate.Task;
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync());
        if (request.Method != HttpMethod.Post || !await AuthenticatesAsync(request, form))
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = Json(new { error = "invalid_client" }) };
        var answer = form.TryGetValue("token", out var token) && _issued.TryGetValue(token.ToString(), out var claims)
            ? new Dictionary<string, object?>(claims) { ["active"] = true }
            : new Dictionary<string, object?> { ["active"] = false };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = Json(answer) };
    }

    private async Task<bool> AuthenticatesAsync(HttpRequestMessage request, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        if (form.TryGetValue("client_assertion", out var assertion))
        {
            if (AssertionKey is null || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || form["client_id"] != ClientId)
                return false;
            var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(assertion.ToString(), new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                IssuerSigningKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(AssertionKey),
                ValidIssuer = ClientId,
                ValidAudience = issuer,
            });
            return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value == ClientId;
        }
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(ClientId)}:{WebUtility.UrlEncode(ClientSecret)}"));
        return request.Headers.Authorization is { Scheme: "Basic" } basic && basic.Parameter == expected;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
