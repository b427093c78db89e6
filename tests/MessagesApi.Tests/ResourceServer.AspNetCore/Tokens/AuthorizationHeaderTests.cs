using ResourceServer.AspNetCore.Tokens;

namespace MessagesApi.Tests;

/// <summary>The token in an Authorization value: after the Bearer or DPoP scheme name and one space, scheme names
/// compared case-insensitively; under any other scheme, none.</summary>
public sealed class AuthorizationHeaderTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("bearer abc.def.ghi")]
    [InlineData("DPoP abc.def.ghi ")]
    [InlineData("dpop abc.def.ghi")]
    public void The_token_follows_either_scheme_in_any_case(string authorization)
    {
        AuthorizationHeader.TokenFrom(authorization).Should().Be("abc.def.ghi");
    }

    [Fact]
    public void A_value_under_another_scheme_carries_no_token()
    {
        AuthorizationHeader.TokenFrom("Basic dXNlcjpwYXNz").Should().BeEmpty();
    }

    [Theory]
    [InlineData("Bearerabc.def.ghi")]
    [InlineData("Bearer")]
    public void A_scheme_name_not_followed_by_a_space_is_not_that_scheme(string authorization)
    {
        AuthorizationHeader.IsScheme(authorization, AuthorizationHeader.Bearer).Should().BeFalse();
    }
}
