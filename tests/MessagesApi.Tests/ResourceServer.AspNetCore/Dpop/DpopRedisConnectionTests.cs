using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>Where DPoP's Redis is, as the logs name it: every endpoint as host:port, default ports filled in, never the
/// password the configuration string may hold. Nothing listens on these ports: the connection is made in the background.</summary>
public sealed class DpopRedisConnectionTests
{
    [Fact]
    public async Task Its_endpoints_are_named_as_host_and_port_with_the_default_port_filled_in_and_no_password()
    {
        await using var redis = new DpopRedisConnection("127.0.0.1:1,localhost,password=secret");

        redis.Endpoints.Should().Be("127.0.0.1:1, localhost:6379");
    }
}
