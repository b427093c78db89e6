using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests;

/// <summary>RFC 7515 and 7519 on the token's own JSON, where IdentityModel's reader is lenient: each segment exactly one
/// JSON object, alg/kid/typ strings, no crit, NumericDates numbers, cnf an object. Every token here is correctly signed
/// by the trusted issuer; only the rule under test is broken.</summary>
public sealed class JwsRulesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string NotOneObject = "The token is malformed: its header and payload must each be exactly one JSON object in UTF-8, with no member named twice.";
    private const string HeaderParameter = "The token is malformed: its alg, kid and typ must be strings where present, alg present and kid not empty.";
    private const string ConfirmationNotObject = "The token is malformed: its cnf must be a JSON object.";

    [Theory]
    [InlineData("x")]
    [InlineData("{\"alg\":\"none\"}")]
    [InlineData("\u0000")]
    public async Task A_header_with_bytes_after_its_json_object_is_refused(string after)
    {
        var token = api.Issuer.Token().EditJson(header: json => json + after).Build();

        (await Protected(token)).Should().BeRejectedWith(NotOneObject);
    }

    [Fact]
    public async Task A_header_naming_a_member_twice_is_refused()
    {
        var token = api.Issuer.Token().EditJson(header: json => json.Replace("{", "{\"typ\":\"dpop+jwt\",", StringComparison.Ordinal)).Build();

        (await Protected(token)).Should().BeRejectedWith(NotOneObject);
    }

    [Fact]
    public async Task A_payload_with_bytes_after_its_json_object_is_malformed_and_no_fault_of_ours()
    {
        var token = api.Issuer.Token().EditJson(payload: json => json + "x").Build();

        var response = await Protected(token);

        response.Should().BeRejectedWith(NotOneObject);
        api.Logs.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Error, "a malformed token is the client's, not an unexpected fault of ours");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(5)]
    public async Task A_kid_that_is_not_a_non_empty_string_is_refused(object? kid)
    {
        var token = api.Issuer.Token().WithHeader("kid", kid).Build();

        (await Protected(token)).Should().BeRejectedWith(HeaderParameter);
    }

    [Fact]
    public async Task A_null_typ_is_refused_not_read_as_absent()
    {
        var token = api.Issuer.Token().WithHeader("typ", null).Build();

        (await Protected(token)).Should().BeRejectedWith(HeaderParameter);
    }

    [Theory]
    [InlineData("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")]
    [InlineData(5)]
    [InlineData(true)]
    public async Task A_cnf_that_is_not_an_object_is_refused_never_accepted_as_bearer(object cnf)
    {
        var token = api.Issuer.Token().With("cnf", cnf).Build();

        (await Protected(token)).Should().BeRejectedWith(ConfirmationNotObject);
    }

    [Fact]
    public async Task A_fractional_exp_is_a_numeric_date()
    {
        var token = api.Issuer.Token().With("exp", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() + 0.5).Build();

        (await Protected(token)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> Protected(string token)
    {
        await api.KeysLoadedAsync();
        return await api.ClientWithToken(token).GetAsync("/api/messages/protected");
    }
}
