using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Keys;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Asks the issuer's introspection endpoint about a token (RFC 7662 §2.1), as the configured confidential
/// client, over the issuers' backchannel (its timeout is <c>Auth0:BackchannelTimeout</c>). Its answer is the JSON object
/// with a boolean <c>active</c>; anything else, and no answer at all, is an <see cref="IntrospectionUnavailableException"/>.
/// The client secret goes in the Authorization header only, and is never logged.</summary>
internal sealed class IntrospectionClient(IOptions<IntrospectionOptions> options, IHttpClientFactory httpClients, TimeProvider time)
{
    private readonly IntrospectionOptions _options = options.Value;
    private readonly ClientAssertion? _assertion = options.Value is { PrivateKeyFile: { Length: > 0 } file, ClientId: { } id }
        ? ClientAssertion.FromFile(file, id, time)
        : null;

    public async Task<JsonDocument> IntrospectAsync(string endpoint, string issuer, string token)
    {
        var form = new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" };
        if (_assertion is not null)
        {
            form["client_id"] = _options.ClientId!;
            form["client_assertion_type"] = ClientAssertion.Type;
            form["client_assertion"] = _assertion.For(issuer);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_assertion is null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(_options.ClientId!, _options.ClientSecret!));
        try
        {
            using var response = await httpClients.CreateClient(IssuerKeyStore.BackchannelName).SendAsync(request);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
                throw new IntrospectionUnavailableException($"The introspection endpoint answered {(int)response.StatusCode}: does the issuer know the client Auth0:Introspection:ClientId names, with this ClientSecret or PrivateKeyFile?");
            if (response.StatusCode != HttpStatusCode.OK)
                throw new IntrospectionUnavailableException($"The introspection endpoint answered {(int)response.StatusCode}.");
            var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            if (answer.RootElement.ValueKind != JsonValueKind.Object || !answer.RootElement.TryGetProperty("active", out var active) || active.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                answer.Dispose();
                throw new IntrospectionUnavailableException("The introspection endpoint's answer is not an RFC 7662 answer (a JSON object with a boolean active).");
            }
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            throw new IntrospectionUnavailableException($"The introspection endpoint could not be asked: {e.Message}", e);
        }
    }

    // RFC 6749 §2.3.1: each part form-encoded before they are joined.
    private static string BasicCredentials(string id, string secret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(id)}:{WebUtility.UrlEncode(secret)}"));
}
