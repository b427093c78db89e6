using System.Text;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;

namespace MessagesApi.Tests;

/// <summary>The JWS rules on a token's or proof's own segments, each broken alone in one segment while the other keeps
/// every rule, and the reason code each broken rule is counted under.</summary>
public sealed class JwsSegmentRulesTests
{
    private const string Header = """{"alg":"RS256","kid":"k1","typ":"JWT"}""";
    private const string Payload = """{"sub":"a","exp":2000000000,"nbf":1,"iat":1}""";

    [Fact]
    public void A_header_and_payload_that_keep_every_rule_break_none()
    {
        Check(Header, Payload).Should().BeNull();
    }

    [Fact]
    public void Invalid_utf8_inside_a_payload_string_is_not_one_object_in_utf8()
    {
        JwsRules.Check(Segment(Header), Segment(Bytes("{\"sub\":\"", 0xC3, 0x28, "\",\"exp\":2000000000}"))).Should().Be(JwsRules.NotOneObject);
    }

    [Fact]
    public void Invalid_utf8_inside_a_header_string_is_not_one_object_in_utf8()
    {
        JwsRules.Check(Segment(Bytes("{\"alg\":\"RS256\",\"x\":\"", 0xFF, "\"}")), Segment(Payload)).Should().Be(JwsRules.NotOneObject);
    }

    [Theory]
    [InlineData("""[{"alg":"RS256"}]""", Payload)]
    [InlineData(Header, "\"a string\"")]
    [InlineData(Header, "5")]
    public void A_segment_that_is_json_but_not_an_object_is_not_one_object(string header, string payload)
    {
        Check(header, payload).Should().Be(JwsRules.NotOneObject);
    }

    [Fact]
    public void A_payload_naming_a_member_twice_is_not_one_object()
    {
        Check(Header, """{"sub":"a","sub":"b"}""").Should().Be(JwsRules.NotOneObject);
    }

    [Fact]
    public void A_header_without_alg_breaks_the_header_rule()
    {
        Check("""{"kid":"k1"}""", Payload).Should().Be(JwsRules.HeaderParameter);
    }

    [Theory]
    [InlineData("""{"alg":5}""")]
    [InlineData("""{"alg":"RS256","typ":["JWT"]}""")]
    public void A_non_string_alg_or_typ_breaks_the_header_rule(string header)
    {
        Check(header, Payload).Should().Be(JwsRules.HeaderParameter);
    }

    [Fact]
    public void Only_kid_must_not_be_empty()
    {
        Check("""{"alg":"","typ":""}""", Payload).Should().BeNull();
    }

    [Theory]
    [InlineData("""{"exp":"2000000000"}""")]
    [InlineData("""{"nbf":null}""")]
    [InlineData("""{"iat":true}""")]
    public void Each_numeric_date_that_is_not_a_number_breaks_the_numeric_date_rule(string payload)
    {
        Check(Header, payload).Should().Be(JwsRules.NotNumericDate);
    }

    [Fact]
    public void A_payload_without_numeric_dates_or_cnf_breaks_no_payload_rule()
    {
        Check(Header, "{}").Should().BeNull();
    }

    [Fact]
    public void A_cnf_object_keeps_the_rule()
    {
        Check(Header, """{"cnf":{"jkt":"abc"}}""").Should().BeNull();
    }

    [Fact]
    public void Segments_that_are_not_base64url_are_not_one_object()
    {
        JwsRules.Check("*", Segment(Payload)).Should().Be(JwsRules.NotOneObject);
    }

    [Fact]
    public void Each_rule_is_counted_under_its_own_reason_code()
    {
        new[] { JwsRules.NotOneObject, JwsRules.HeaderParameter, JwsRules.Critical, JwsRules.NotNumericDate, JwsRules.ConfirmationNotObject }
            .Select(rule => rule.Reason)
            .Should().Equal("malformed", "malformed_header", "critical_header", "not_numeric_date", "malformed_cnf");
    }

    private static JwsViolation? Check(string header, string payload) => JwsRules.Check(Segment(header), Segment(payload));

    private static string Segment(string json) => Base64UrlEncoder.Encode(json);

    private static string Segment(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

    private static byte[] Bytes(string before, byte first, byte second, string after) =>
        [.. Encoding.UTF8.GetBytes(before), first, second, .. Encoding.UTF8.GetBytes(after)];

    private static byte[] Bytes(string before, byte invalid, string after) =>
        [.. Encoding.UTF8.GetBytes(before), invalid, .. Encoding.UTF8.GetBytes(after)];
}
