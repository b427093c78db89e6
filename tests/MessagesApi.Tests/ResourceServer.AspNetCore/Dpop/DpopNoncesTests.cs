using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>Nonces on their own, on a fake clock (DpopNonceTests has them as clients meet them).</summary>
public sealed class DpopNoncesTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly TestClock _clock = new();

    [Fact]
    public void An_old_nonce_relabelled_with_the_current_step_is_refused_as_its_mac_covers_the_step()
    {
        var nonces = Nonces();
        var old = Base64UrlEncoder.DecodeBytes(nonces.Current);
        _clock.Advance(Lifetime * 3);
        Base64UrlEncoder.DecodeBytes(nonces.Current)[..sizeof(long)].CopyTo(old, 0);

        nonces.IsValid(Base64UrlEncoder.Encode(old)).Should().BeFalse();
    }

    private DpopNonces Nonces() =>
        new(Options.Create(new DpopOptions { NonceKey = "a-nonce-key-shared-by-every-replica-0123456789", NonceLifetime = Lifetime }), _clock);
}
