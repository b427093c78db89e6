using MessagesApi.Tests.Fixtures;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>How a DPoP proof is read before anything in it is verified: its size, its key's private members, and what
/// does not parse.</summary>
public sealed class DpopProofReadTests
{
    private readonly DpopKey _key = new();

    [Theory]
    [InlineData("d")]
    [InlineData("p")]
    [InlineData("q")]
    [InlineData("dp")]
    [InlineData("dq")]
    [InlineData("qi")]
    [InlineData("oth")]
    [InlineData("k")]
    public void A_jwk_carrying_any_private_member_is_read_as_holding_a_private_key(string member)
    {
        var jwk = _key.PublicJwk();
        jwk[member] = "AQAB";

        Read(Proof().WithHeader("jwk", jwk).Build())!.KeyHasPrivateMembers.Should().BeTrue();
    }

    [Fact]
    public void A_proof_of_the_largest_size_allowed_is_read()
    {
        var proof = PaddedTo(DpopProof.MaxLength);

        Read(proof).Should().NotBeNull();
    }

    [Fact]
    public void A_proof_one_character_over_the_largest_size_is_not_read()
    {
        var proof = PaddedTo(DpopProof.MaxLength + 1);

        Read(proof).Should().BeNull();
    }

    private DpopKey.Proof Proof() => _key.ProofFor("GET", "https://localhost/api/messages/protected", "token");

    /// <summary>A proof whose signature segment is lengthened to <paramref name="length"/>: reading does not verify it.</summary>
    private string PaddedTo(int length)
    {
        var proof = Proof().Build();
        return proof + new string('A', length - proof.Length);
    }

    private static DpopProof? Read(string proof) => DpopProof.Read(proof, out _);
}
