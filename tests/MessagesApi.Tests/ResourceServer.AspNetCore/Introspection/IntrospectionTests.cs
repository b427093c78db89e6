using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Opaque access tokens (RFC 7662): with Auth0:Introspection:ClientId set, a token that is no JWT of a trusted
/// issuer is the issuer's to judge, asked at the introspection endpoint its discovery document names.</summary>
public sealed class IntrospectionTests
{
    private const string Protected = "/api/messages/protected";

    [Fact]
    public async Task An_active_opaque_token_is_served()
    {
        using var api = Introspecting();

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_opaque_token_the_issuer_calls_inactive_is_refused()
    {
        using var api = Introspecting();
        var token = api.Issuer.Introspection.Issue();
        api.Issuer.Introspection.Revoke(token);

        var response = await api.ClientWithToken(token).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is not active (revoked, expired or unknown to its issuer).");
        api.OnlyRejectionReason().Should().Be("inactive");
    }

    [Fact]
    public async Task Without_introspection_an_opaque_token_is_refused_as_malformed_without_a_call()
    {
        using var api = new ApiFactory();

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is malformed.");
        api.Issuer.Introspection.Calls.Should().Be(0);
    }

    [Fact]
    public async Task An_answer_for_another_audience_is_refused()
    {
        using var api = Introspecting();

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue(new() { ["aud"] = "https://another-api.example" })).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task An_answer_naming_another_issuer_is_refused()
    {
        using var api = Introspecting();

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue(new() { ["iss"] = "https://another-issuer.example/" })).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task An_answer_whose_exp_has_passed_is_refused_as_expired()
    {
        using var api = Introspecting();
        var token = api.Issuer.Introspection.Issue(new() { ["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds() });

        var response = await api.ClientWithToken(token).GetAsync(Protected);

        response.Should().BeRejectedWith("The token has expired.");
    }

    [Fact]
    public async Task The_permissions_of_the_answer_open_the_admin_endpoint()
    {
        using var api = Introspecting();
        var token = api.Issuer.Introspection.Issue(new() { ["permissions"] = new[] { "read:admin-messages" } });

        var response = await api.ClientWithToken(token).GetAsync("/api/messages/admin");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_answer_bound_to_a_certificate_is_served_only_to_the_client_presenting_it()
    {
        using var api = Introspecting().WithCertificateBinding();
        var certificate = PresentedCertificate.SelfSigned();
        var token = api.Issuer.Introspection.Issue(new() { ["cnf"] = PresentedCertificate.BoundTo(certificate) });

        var presenting = await api.ClientPresenting(certificate, token).GetAsync(Protected);
        var another = await api.ClientPresenting(PresentedCertificate.SelfSigned(), token).GetAsync(Protected);

        presenting.StatusCode.Should().Be(HttpStatusCode.OK);
        another.Should().BeRejectedWith("The token is bound to another client certificate than the one presented.");
    }

    [Fact]
    public async Task An_active_answer_is_reused_without_asking_again()
    {
        using var api = Introspecting();
        var token = api.Issuer.Introspection.Issue();
        await api.ClientWithToken(token).GetAsync(Protected);

        var response = await api.ClientWithToken(token).GetAsync(Protected);

        (response.StatusCode, api.Issuer.Introspection.Calls).Should().Be((HttpStatusCode.OK, 1));
    }

    [Fact]
    public async Task An_inactive_answer_is_reused_without_asking_again()
    {
        using var api = Introspecting();
        await api.ClientWithToken("never-issued").GetAsync(Protected);

        var response = await api.ClientWithToken("never-issued").GetAsync(Protected);

        (response.StatusCode, api.Issuer.Introspection.Calls).Should().Be((HttpStatusCode.Unauthorized, 1));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_uncached_token_make_one_call()
    {
        using var api = Introspecting();
        await api.KeysLoadedAsync();
        var token = api.Issuer.Introspection.Issue();
        api.Issuer.Introspection.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 8).Select(_ => api.ClientWithToken(token).GetAsync(Protected)).ToArray();
        await Eventually.Until(() => api.Issuer.Introspection.Calls >= 1, TimeSpan.FromSeconds(10), "the first call to reach the endpoint");

        api.Issuer.Introspection.Gate.SetResult();

        (await Task.WhenAll(requests)).Select(response => response.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        api.Issuer.Introspection.Calls.Should().Be(1);
    }

    [Fact]
    public async Task With_the_endpoint_down_an_opaque_token_gets_503_never_a_pass_or_a_401()
    {
        using var api = Introspecting();
        await api.KeysLoadedAsync();
        api.Issuer.State = IssuerState.Refusing;

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        (response.StatusCode, response.Headers.RetryAfter?.ToString()).Should().Be((HttpStatusCode.ServiceUnavailable, "1"));
    }

    [Fact]
    public async Task With_credentials_the_issuer_refuses_an_opaque_token_gets_503_and_the_log_names_the_settings_to_check()
    {
        using var api = new ApiFactory()
            .WithSetting("Auth0:Introspection:ClientId", IntrospectionEndpoint.ClientId)
            .WithSetting("Auth0:Introspection:ClientSecret", "not the secret the issuer knows");

        var response = await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        api.Logs.Entries.Should().Contain(entry => entry.Message.Contains(
            "The introspection endpoint answered 401: does the issuer know the client Auth0:Introspection:ClientId names, with this ClientSecret or PrivateKeyFile?"));
    }

    [Fact]
    public async Task A_jwt_of_a_trusted_issuer_is_still_checked_here_without_a_call()
    {
        using var api = Introspecting();

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync(Protected);

        (response.StatusCode, api.Issuer.Introspection.Calls).Should().Be((HttpStatusCode.OK, 0));
    }

    [Fact]
    public async Task The_client_secret_is_never_logged()
    {
        using var api = Introspecting();
        api.Logs.Entries.Clear();
        await api.ClientWithToken("never-issued").GetAsync(Protected);

        api.Logs.Entries.Should().NotContain(entry => entry.Message.Contains(IntrospectionEndpoint.ClientSecret));
    }

    [Fact]
    public async Task With_a_private_key_the_api_authenticates_by_a_signed_client_assertion()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var keyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            using var api = new ApiFactory()
                .WithSetting("Auth0:Introspection:ClientId", IntrospectionEndpoint.ClientId)
                .WithSetting("Auth0:Introspection:PrivateKeyFile", keyFile);
            api.Issuer.Introspection.AssertionKey = key;

            var response = await api.ClientWithToken(api.Issuer.Introspection.Issue()).GetAsync(Protected);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    internal static ApiFactory Introspecting() => new ApiFactory()
        .WithSetting("Auth0:Introspection:ClientId", IntrospectionEndpoint.ClientId)
        .WithSetting("Auth0:Introspection:ClientSecret", IntrospectionEndpoint.ClientSecret);
}
