using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Introspection's settings refused at start where they could not work, naming what to write instead.</summary>
public sealed class IntrospectionOptionsValidatorTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("a secret", "/etc/messages-api/introspection-key.pem")]
    public void A_client_id_needs_exactly_one_way_to_authenticate(string? secret, string? keyFile)
    {
        using var api = new ApiFactory().WithSetting("Auth0:Introspection:ClientId", "messages-api")
            .WithSetting("Auth0:Introspection:ClientSecret", secret).WithSetting("Auth0:Introspection:PrivateKeyFile", keyFile);

        api.StartupFailures().Should().Contain("Auth0:Introspection needs one way to authenticate: ClientSecret (client_secret_basic) or PrivateKeyFile (private_key_jwt), not both and not neither.");
    }

    [Fact]
    public void A_secret_without_a_client_id_is_refused()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Introspection:ClientSecret", "a secret");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith("Auth0:Introspection:ClientId is not set");
    }

    [Fact]
    public void A_plain_http_endpoint_off_this_machine_is_refused()
    {
        using var api = IntrospectionTests.Introspecting().WithSetting("Auth0:Introspection:Endpoint", "http://issuer.example/introspect");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith("Auth0:Introspection:Endpoint is 'http://issuer.example/introspect'");
    }

    [Fact]
    public void An_issuer_not_in_auth0_domain_is_refused()
    {
        using var api = IntrospectionTests.Introspecting().WithSetting("Auth0:Introspection:Issuer", "https://elsewhere.example/");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith("Auth0:Introspection:Issuer is 'https://elsewhere.example/', which is not one of AUTH0_DOMAIN's issuers");
    }
}
