using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>DPoP's settings checked on their own, where going through the host would hide the answer: a validator that
/// fails with no failure listed lets the host start all the same.</summary>
public sealed class DpopOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Validate(new DpopOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_redis_setting_that_parses_is_accepted()
    {
        Validate(new DpopOptions { Redis = "redis.internal:6379,password=secret" }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_redis_setting_that_does_not_parse_is_refused_with_an_example()
    {
        var result = Validate(new DpopOptions { Redis = "redis.internal:6379,no-such-option=1" });

        result.Failures.Should().ContainSingle().Which.Should()
            .StartWith("Auth0:Dpop:Redis does not parse as a StackExchange.Redis configuration").And.EndWith("e.g. Auth0__Dpop__Redis=redis:6379.");
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(DpopOptions options) => new DpopOptionsValidator().Validate(null, options);
}
