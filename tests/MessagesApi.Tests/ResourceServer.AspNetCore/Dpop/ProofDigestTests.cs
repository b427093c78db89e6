using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>What the in-process replay store remembers of a proof: two digests are the same only when all 128 bits are.</summary>
public sealed class ProofDigestTests
{
    [Fact]
    public void Digests_that_share_only_their_high_half_are_different() =>
        new ProofDigest(1, 2).Should().NotBe(new ProofDigest(1, 3));

    [Fact]
    public void Digests_that_share_only_their_low_half_are_different() =>
        new ProofDigest(2, 1).Should().NotBe(new ProofDigest(3, 1));
}
