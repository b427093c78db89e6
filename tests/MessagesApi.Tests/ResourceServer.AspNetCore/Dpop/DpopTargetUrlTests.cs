using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Which URL a proof's htu must name: the request's, as trusted proxies forwarded it, or PUBLIC_URL's origin.</summary>
public sealed class DpopTargetUrlTests
{
    private const string Proxy = "10.0.0.5";
    private const string PublicUrlUnset = "This API cannot check which URL a DPoP proof names until PUBLIC_URL is set to the URL clients call it at.";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task Behind_a_trusted_proxy_htu_is_the_url_the_client_called()
    {
        using var api = new ApiFactory().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        var token = _key.BoundToken(api.Issuer);

        var response = await SendThroughProxy(api, token, "https://api.example.com/api/messages/protected", from: Proxy);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/8")]
    public async Task A_trusted_proxy_reaching_a_dual_stack_listener_over_an_ipv4_mapped_address_forwards_the_url_the_client_called(string setting, string trusted)
    {
        using var api = new ApiFactory().WithSetting(setting, trusted);
        var token = _key.BoundToken(api.Issuer);

        var response = await SendThroughProxy(api, token, "https://api.example.com/api/messages/protected", from: "::ffff:" + Proxy);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_public_url_a_request_not_from_a_trusted_proxy_has_no_url_a_proof_can_name()
    {
        using var api = new ApiFactory().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        var token = _key.BoundToken(api.Issuer);

        var response = await SendThroughProxy(api, token, "https://api.example.com/api/messages/protected", from: "198.51.100.7");

        await DpopProofTests.ShouldBeRefused(response, "invalid_token", PublicUrlUnset);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Without_public_url_forwarded_headers_from_loopback_name_no_url_unless_loopback_is_configured(string loopback)
    {
        using var api = new ApiFactory().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        var token = _key.BoundToken(api.Issuer);

        var response = await SendThroughProxy(api, token, "https://api.example.com/api/messages/protected", from: loopback);

        await DpopProofTests.ShouldBeRefused(response, "invalid_token", PublicUrlUnset);
    }

    [Fact]
    public async Task With_public_url_htu_must_name_its_origin_whatever_the_host_header_says()
    {
        using var api = new ApiFactory().WithSetting("PUBLIC_URL", "https://messages.example.com");
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", "http://evil.example/api/messages/protected", token).Build(),
            configure: request => request.Headers.Host = "evil.example");

        await DpopProofTests.ShouldBeRefused(response, "invalid_dpop_proof", "The DPoP proof's htu is not this request's URL.");
    }

    [Fact]
    public async Task With_public_url_a_proof_for_it_is_accepted()
    {
        using var api = new ApiFactory().WithSetting("PUBLIC_URL", "https://messages.example.com");
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", "https://messages.example.com/api/messages/protected", token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_public_url_the_host_header_cannot_name_another_server()
    {
        using var api = new ApiFactory();
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", "http://other-api.example/api/messages/protected", token).Build(),
            configure: request => request.Headers.Host = "other-api.example");

        await DpopProofTests.ShouldBeRefused(response, "invalid_token", PublicUrlUnset);
    }

    [Theory]
    [InlineData("a'b")]
    [InlineData("a!b")]
    [InlineData("a$b")]
    [InlineData("a(b")]
    public async Task A_host_header_that_makes_no_url_is_refused_never_a_500(string host)
    {
        using var api = new ApiFactory().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        var token = _key.BoundToken(api.Issuer);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
        request.Headers.TryAddWithoutValidation("Host", host);
        request.Headers.Add("DPoP", _key.ProofFor("GET", $"http://{host}/api/messages/protected", token).Build());

        var response = await api.ClientFrom(Proxy).SendAsync(request);

        await DpopProofTests.ShouldBeRefused(response, "invalid_token", PublicUrlUnset);
    }

    [Fact]
    public async Task With_a_public_url_path_a_proof_names_that_path_before_the_request_path()
    {
        using var api = new ApiFactory().WithSetting("PUBLIC_URL", "https://messages.example.com/messages-api");
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", "https://messages.example.com/messages-api/api/messages/protected", token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Without_public_url_start_up_says_in_one_line_that_dpop_is_refused_and_how_to_accept_it()
    {
        using var api = new ApiFactory();
        api.CreateClient().Dispose();

        api.Logs.Entries.Where(entry => entry.Message.Contains("DPoP")).Should().ContainSingle()
            .Which.Message.Should().Contain("DPoP requests are refused").And.Contain("set PUBLIC_URL").And.NotContain("\n");
    }

    private Task<HttpResponseMessage> SendThroughProxy(ApiFactory api, string token, string htu, string from)
    {
        var client = api.ClientFrom(from);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {token}");
        request.Headers.Add("DPoP", _key.ProofFor("GET", htu, token).Build());
        request.Headers.Add("X-Forwarded-For", "203.0.113.10");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "api.example.com");
        return client.SendAsync(request);
    }
}
