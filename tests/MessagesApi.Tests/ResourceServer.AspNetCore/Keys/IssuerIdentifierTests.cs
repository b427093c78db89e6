using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>When two issuer URLs name the same issuer: only the trailing slash after an http(s) authority may differ.</summary>
public sealed class IssuerIdentifierTests
{
    [Theory]
    [InlineData("https://tenant.auth0.com/", "https://tenant.auth0.com")]
    [InlineData("http://localhost:3000/", "http://localhost:3000")]
    public void An_http_or_https_issuer_without_a_path_is_the_same_with_or_without_its_trailing_slash(string withSlash, string without)
    {
        IssuerIdentifier.Same(withSlash, without).Should().BeTrue();
        IssuerIdentifier.Same(without, withSlash).Should().BeTrue();
    }

    [Theory]
    [InlineData("https://kc.test/realms/demo/", "https://kc.test/realms/demo")]
    [InlineData("https://issuer.test?tenant=a/", "https://issuer.test?tenant=a")]
    [InlineData("https://issuer.test#a/", "https://issuer.test#a")]
    public void An_issuer_with_anything_after_its_authority_is_another_issuer_with_a_trailing_slash(string withSlash, string without) =>
        IssuerIdentifier.Same(withSlash, without).Should().BeFalse();

    [Theory]
    [InlineData("urn:example:issuer/", "urn:example:issuer")]
    [InlineData("ftp://issuer.test/", "ftp://issuer.test")]
    public void An_issuer_that_is_not_an_http_or_https_url_is_compared_exactly(string withSlash, string without) =>
        IssuerIdentifier.Same(withSlash, without).Should().BeFalse();

    [Fact]
    public void A_missing_issuer_is_the_same_only_as_another_missing_one()
    {
        IssuerIdentifier.Same(null, "https://issuer.test/").Should().BeFalse();
        IssuerIdentifier.Same("https://issuer.test/", null).Should().BeFalse();
        IssuerIdentifier.Same(null, null).Should().BeTrue();
    }
}
