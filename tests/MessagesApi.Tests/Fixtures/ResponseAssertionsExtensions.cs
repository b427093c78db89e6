using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions.Execution;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The shapes of the API's 401 answers, so tests state the behaviour and not the string plumbing.</summary>
public static class ResponseAssertionsExtensions
{
    public static void BeRejectedWith(this FluentAssertions.Primitives.HttpResponseMessageAssertions assertions, string description)
    {
        var response = (HttpResponseMessage)assertions.Subject;
        var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        using var scope = new AssertionScope();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith($"Bearer error=\"invalid_token\", error_description=\"{description}\"");
        body.GetProperty("message").GetString().Should().Be("Bad credentials");
        body.GetProperty("error_description").GetString().Should().Be(description);
    }

    public static void BeChallengedWithoutToken(this FluentAssertions.Primitives.HttpResponseMessageAssertions assertions)
    {
        var response = (HttpResponseMessage)assertions.Subject;
        var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        using var scope = new AssertionScope();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer").And.NotContain("error=");
        body.GetProperty("message").GetString().Should().Be("Requires authentication");
    }

    /// <summary>A 401 whose DPoP challenge says the proof does not fit the request (RFC 9449 §7.1).</summary>
    public static void BeRefusedAsAnInvalidDpopProof(this FluentAssertions.Primitives.HttpResponseMessageAssertions assertions)
    {
        var response = (HttpResponseMessage)assertions.Subject;
        var challenge = response.Headers.WwwAuthenticate.ToString();
        using var scope = new AssertionScope();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, challenge);
        challenge.Should().Contain("DPoP").And.Contain("error=\"invalid_dpop_proof\"");
    }
}
