using Microsoft.AspNetCore.Http;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>How a proof's htu is compared with the URL the request was made to (RFC 9449 §4.3, RFC 3986 §6.2.2–6.2.3),
/// and which URL that is when nothing but the request itself says.</summary>
public sealed class ProofUrlComparisonTests
{
    private static readonly Uri Target = new("https://api.example.com/api/messages/protected");

    [Theory]
    [InlineData("https://api.example.com/api/messages/protected")]
    [InlineData("HTTPS://API.EXAMPLE.COM:443/api/messages/protected")]
    [InlineData("https://api.example.com/api/./messages/../messages/protected")]
    [InlineData("https://api.example.com/api/messages/protected?page=2#top")]
    [InlineData("https://api.example.com/api/messages/protected?from=a@b.example")]
    [InlineData("https://api.example.com/api/messages/protected#a@b")]
    public void The_same_url_after_normalisation_matches_with_query_and_fragment_ignored(string htu)
    {
        DpopTargetUri.Matches(htu, Target).Should().BeTrue();
    }

    [Fact]
    public void An_htu_with_no_path_names_the_root()
    {
        DpopTargetUri.Matches("https://api.example.com", new Uri("https://api.example.com/")).Should().BeTrue();
    }

    [Fact]
    public void An_at_sign_in_the_path_is_no_user_info()
    {
        DpopTargetUri.Matches("https://api.example.com/mail/a@b", new Uri("https://api.example.com/mail/a@b")).Should().BeTrue();
    }

    [Theory]
    [InlineData("https://user@api.example.com/api/messages/protected")]
    [InlineData("https://user:secret@api.example.com/api/messages/protected")]
    [InlineData("http://api.example.com/api/messages/protected")]
    [InlineData("https://api.example.com:8443/api/messages/protected")]
    [InlineData("https://api.example.com/api/messages/Protected")]
    [InlineData("/api/messages/protected")]
    [InlineData("not a url")]
    public void Another_url_user_info_or_a_relative_htu_does_not_match(string htu)
    {
        DpopTargetUri.Matches(htu, Target).Should().BeFalse();
    }

    [Fact]
    public void Public_url_with_its_path_names_the_target_whatever_the_request_says()
    {
        var request = Request(host: "evil.example", pathBase: "", path: "/api/messages/protected");

        DpopTargetUri.Of(request, "https://api.example.com/v1")
            .Should().Be(new Uri("https://api.example.com/v1/api/messages/protected"));
    }

    [Fact]
    public void Without_public_url_or_a_trusted_proxy_there_is_no_target()
    {
        var request = Request(host: "localhost:5000", pathBase: "", path: "/api/messages/protected");

        DpopTargetUri.Of(request, publicUrl: null).Should().BeNull();
    }

    private static HttpRequest Request(string host, string pathBase, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        context.Request.Path = path;
        return context.Request;
    }
}
