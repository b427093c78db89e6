using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;

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
    public async Task A_missing_permission_is_logged_once_with_the_permission_and_subject()
    {
        using var api = new ApiFactory();

        await api.ClientWithToken(api.Issuer.Token().With("sub", "auth0|bob").Build()).GetAsync("/api/messages/admin");

        Rejections(api, "403 for").Should().ContainSingle().Which.Should().Contain("read:admin-messages").And.Contain("auth0|bob");
    }

    [Fact]
    public async Task At_debug_level_a_rejection_is_explained_check_by_check()
    {
        using var api = new ApiFactory().WithSetting("Logging:LogLevel:MessagesApi", "Debug");

        await api.ClientWithToken(api.Issuer.Token().With("aud", "https://another-api.example").Build()).GetAsync("/api/messages/protected");

        api.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Why:")).Should().ContainSingle()
            .Which.Message.Should().Contain("audience FAILED (expected https://messages-api.test, found https://another-api.example)");
    }

    private static IEnumerable<string> Rejections(ApiFactory api, string prefix) =>
        api.Logs.Entries.Where(e => e.Level >= LogLevel.Information && e.Message.StartsWith(prefix)).Select(e => e.Message);
}
