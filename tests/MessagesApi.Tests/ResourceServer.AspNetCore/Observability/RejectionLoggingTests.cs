using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Explainer;

namespace MessagesApi.Tests;

public sealed class RejectionLoggingTests
{
    [Fact]
    public async Task A_rejected_token_is_logged_once_with_reason_kid_issuer_and_subject_but_never_the_token()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().With("aud", "https://another-api.example").With("sub", "auth0|mallory").Build();

        await api.ClientWithToken(token).GetAsync("/api/messages/protected");

        var rejections = Rejections(api, "401 for");
        rejections.Should().ContainSingle().Which.Should()
            .Contain("wrong_audience").And.Contain(api.Issuer.CurrentKey.KeyId).And.Contain(api.Issuer.Issuer).And.Contain("auth0|mallory");
        api.Logs.Entries.Select(e => e.Message).Should().NotContain(m => m.Contains(token.Split('.')[2]) || m.Contains(token.Split('.')[1]));
    }

    [Fact]
    public async Task A_wrong_audience_is_logged_with_the_audience_expected_and_the_one_found()
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(api.Issuer.Token().With("aud", "https://another-api.example").Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should()
            .Contain($"wrong_audience, expected aud {TokenBuilder.Audience}, found https://another-api.example.");
    }

    [Fact]
    public async Task A_wrong_issuer_is_logged_with_the_issuer_expected_and_the_one_found()
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(new TestIssuer("http://localhost:39076/dev-issuer/").Token().Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should()
            .Contain($"wrong_issuer, expected iss {api.Issuer.Issuer}, found http://localhost:39076/dev-issuer/.");
    }

    [Fact]
    public async Task With_several_issuers_a_wrong_issuer_is_logged_expecting_any_of_them()
    {
        using var api = new ApiFactory().WithSecondIssuer();

        await api.ClientWithToken(new TestIssuer("http://localhost:39076/dev-issuer/").Token().Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should()
            .Contain($"wrong_issuer, expected iss {api.Issuer.Issuer} or {api.SecondIssuer!.Issuer}, found http://localhost:39076/dev-issuer/.");
    }

    [Fact]
    public async Task A_wrong_audience_is_logged_with_every_audience_the_token_names()
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(api.Issuer.Token().With("aud", new[] { "https://one.example", "https://two.example" }).Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should().Contain("found https://one.example, https://two.example.");
    }

    [Fact]
    public async Task A_proof_that_cannot_be_checked_for_replay_is_logged_as_an_error_with_its_503()
    {
        using var api = new ApiFactory().ServingDpop().WithServices(services => services.AddSingleton<IDpopReplayCache, UnavailableReplayCache>());

        await DpopProofTests.SendBound(api, new DpopKey());

        api.Logs.Entries.Should().ContainSingle(entry => entry.Message.StartsWith("503 for"))
            .Which.Should().Match<(LogLevel Level, string Category, string Message, Exception? Exception)>(
                entry => entry.Level == LogLevel.Error && entry.Message == "503 for /api/messages/protected: The test's replay store is down.");
    }

    [Fact]
    public async Task A_key_over_its_share_of_the_replay_store_is_logged_with_its_429_and_retry_after()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:MaxRememberedProofs", "3");
        var key = new DpopKey();
        for (var i = 0; i < 2; i++)
            await DpopProofTests.SendBound(api, key);

        Rejections(api, "429 for").Should().ContainSingle().Which.Should().StartWith("429 for /api/messages/protected: dpop_key_over_share, retry after ");
    }

    [Fact]
    public async Task A_null_issuer_gets_its_401_and_is_logged_as_none_found()
    {
        using var api = new ApiFactory();

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", null).Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
        Rejections(api, "401 for").Should().ContainSingle().Which.Should().Contain($"wrong_issuer, expected iss {api.Issuer.Issuer}, found none.");
    }

    [Theory]
    [InlineData("https://api.example\nforged line")]
    [InlineData("https://api.example/\u00e9")]
    public async Task An_audience_found_that_is_not_printable_ascii_is_logged_as_unprintable(string audience)
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(api.Issuer.Token().With("aud", audience).Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should().Contain("found (unprintable).").And.NotContain("api.example");
    }

    [Fact]
    public async Task An_issuer_and_subject_that_are_not_printable_ascii_are_logged_as_unprintable()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().With("iss", "https://issuer.example\n09:15:02 info: forged line").With("sub", "auth0|eve\u0007").Build();

        await api.ClientWithToken(token).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should()
            .Contain("iss=(unprintable) sub=(unprintable)").And.NotContain("forged").And.NotContain("auth0|eve");
    }

    [Fact]
    public async Task A_long_printable_subject_is_logged_cut_short()
    {
        using var api = new ApiFactory();
        var subject = "auth0|" + new string('a', 200);

        await api.ClientWithToken(api.Issuer.Token().With("aud", "https://another-api.example").With("sub", subject).Build()).GetAsync("/api/messages/protected");

        Rejections(api, "401 for").Should().ContainSingle().Which.Should().EndWith($"sub={subject[..100]}…");
    }

    [Fact]
    public async Task A_missing_permission_is_logged_once_with_the_permission_and_subject()
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(api.Issuer.Token().With("sub", "auth0|bob").Build()).GetAsync("/api/messages/admin");

        Rejections(api, "403 for").Should().ContainSingle().Which.Should().Contain("read:admin-messages").And.Contain("auth0|bob");
    }

    [Fact]
    public async Task At_debug_level_a_rejection_is_logged_with_the_validators_own_message()
    {
        using var api = new ApiFactory().WithSetting("Logging:LogLevel:ResourceServer", "Debug");

        await api.ClientWithToken(api.Issuer.Token().WithHeader("alg", "HS256").Build()).GetAsync("/api/messages/protected");

        WhyLines(api).Should().ContainSingle().Which.Should().Be("Why: The algorithm 'HS256' is not allowed.");
    }

    [Fact]
    public async Task At_debug_level_a_token_from_an_untrusted_issuer_is_logged_as_such()
    {
        using var api = new ApiFactory().WithSetting("Logging:LogLevel:ResourceServer", "Debug");

        await api.ClientWithToken(api.Issuer.Token().With("iss", "https://elsewhere.example/").Build()).GetAsync("/api/messages/protected");

        WhyLines(api).Should().ContainSingle().Which.Should().Be("Why: The token's issuer is not trusted.");
    }

    [Fact]
    public async Task At_debug_level_a_token_refused_while_the_keys_are_unavailable_names_the_issuer()
    {
        using var api = new ApiFactory().WithSetting("Logging:LogLevel:ResourceServer", "Debug");
        api.Issuer.State = IssuerState.Refusing;

        await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        WhyLines(api).Should().ContainSingle().Which.Should().Be("Why: The signing keys of https://issuer.test/ are not available.");
    }

    [Fact]
    public async Task At_debug_level_a_rejection_is_not_checked_again_by_the_explainer()
    {
        var explainers = 0;
        using var api = new ExplainerCountingApiFactory(() => Interlocked.Increment(ref explainers));
        api.WithSetting("Logging:LogLevel:ResourceServer", "Debug");

        await api.ClientWithToken(api.Issuer.Token().With("aud", "https://another-api.example").Build()).GetAsync("/api/messages/protected");

        explainers.Should().Be(0, "the explainer verifies the signature a second time; /dev/explain runs it on demand");
    }

    [Fact]
    public async Task At_debug_level_a_token_whose_exp_is_the_largest_number_gets_its_401()
    {
        using var api = new ApiFactory().WithSetting("Logging:LogLevel:ResourceServer", "Debug");
        var token = api.Issuer.Token().With("exp", long.MaxValue).With("aud", "https://another-api.example").Build();

        var response = await api.ClientWithToken(token).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    /// <summary>The API, counting each <see cref="TokenExplainer"/> it creates.</summary>
    private sealed class ExplainerCountingApiFactory(Action created) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(provider =>
            {
                created();
                return ActivatorUtilities.CreateInstance<TokenExplainer>(provider);
            }));
        }
    }

    /// <summary>The debug lines that give the validator's own message.</summary>
    private static IEnumerable<string> WhyLines(ApiFactory api) =>
        api.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Why:")).Select(e => e.Message);

    private static IEnumerable<string> Rejections(ApiFactory api, string prefix) =>
        api.Logs.Entries.Where(e => e.Level >= LogLevel.Information && e.Message.StartsWith(prefix)).Select(e => e.Message);
}
