using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>What the API suggests when an issuer's discovery document names another issuer than AUTH0_DOMAIN.</summary>
public sealed class IssuerMismatchTests
{
    [Theory]
    [InlineData("https://tenant.eu.auth0.com/")]
    [InlineData("http://localhost:3000/")]
    public void An_http_or_https_issuer_the_document_names_is_suggested(string named) =>
        IssuerMismatch.Of("https://tenant.auth0.com/", named, ["https://tenant.auth0.com/"]).Suggested.Should().Be(named);

    [Theory]
    [InlineData("ftp://tenant.auth0.com/")]
    [InlineData("not a url")]
    public void A_name_that_is_not_an_http_or_https_url_is_neither_repeated_nor_suggested(string named) =>
        IssuerMismatch.Of("https://tenant.auth0.com/", named, ["https://tenant.auth0.com/"])
            .Should().Be(new IssuerMismatch("https://tenant.auth0.com/", null, null));
}
