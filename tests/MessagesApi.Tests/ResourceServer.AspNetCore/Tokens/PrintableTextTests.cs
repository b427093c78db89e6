using ResourceServer.AspNetCore.Tokens;

namespace MessagesApi.Tests;

/// <summary>Text from a token is shown only as printable ASCII, space to tilde, so it can never write a line break or a
/// control character into a log line or a refusal.</summary>
public sealed class PrintableTextTests
{
    [Fact]
    public void Space_and_tilde_are_printable()
    {
        PrintableText.Of("a b~", maxLength: 10).Should().Be("a b~");
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\t")]
    [InlineData("\u007f")]
    [InlineData("café")]
    public void Control_and_non_ascii_characters_are_unprintable(string value)
    {
        PrintableText.Of(value, maxLength: 20).Should().Be(PrintableText.Unprintable);
    }

    [Fact]
    public void A_longer_printable_value_is_cut_and_marked()
    {
        PrintableText.Cut("abcdef", maxLength: 3).Should().Be("abc…");
    }
}
