using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;

namespace MessagesApi.Tests;

/// <summary>The shape checks on the raw token, before it is parsed or any key is read: each refusal says which shape
/// was wrong, as the debug log and /dev/explain show it.</summary>
public sealed class AccessTokenReadTests
{
    [Fact]
    public void A_token_longer_than_the_maximum_is_refused_as_too_large()
    {
        AccessTokenHandler.Read(Segments(AccessTokenHandler.MaxTokenLength + 1), out _)
            .Should().BeOfType<SecurityTokenMalformedException>().Which.Message.Should().Be("The token is too large.");
    }

    [Fact]
    public void A_token_of_exactly_the_maximum_length_is_not_too_large()
    {
        AccessTokenHandler.Read(Segments(AccessTokenHandler.MaxTokenLength), out _)!.Message.Should().NotBe("The token is too large.");
    }

    [Fact]
    public void Five_segments_are_refused_as_an_encrypted_token()
    {
        AccessTokenHandler.Read("a.b.c.d.e", out _).Should().BeOfType<SecurityTokenMalformedException>()
            .Which.Message.Should().Be("Encrypted tokens (JWE) are not accepted.");
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c+d")]
    public void Anything_but_three_base64url_segments_is_refused_as_not_a_well_formed_jwt(string token)
    {
        AccessTokenHandler.Read(token, out _).Should().BeOfType<SecurityTokenMalformedException>()
            .Which.Message.Should().Be("The token is not a well-formed JWT.");
    }

    /// <summary>Three base64url segments of the given total length, whose JSON is not an object.</summary>
    private static string Segments(int length) => "a." + new string('b', length - 4) + ".c";
}
