using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using ResourceServer.AspNetCore.Clients;

namespace MessagesApi.Tests;

/// <summary>Who the client is, as the failure budget sees it: three failures allowed, then 429.</summary>
public sealed class TrustedProxyTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task Without_trusted_proxies_a_new_x_forwarded_for_on_every_request_does_not_escape_the_budget()
    {
        using var api = SmallBudget();
        for (var i = 1; i <= 3; i++)
            await Send(api, "198.51.100.7", forwardedFor: $"192.0.2.{i}");

        var response = await Send(api, "198.51.100.7", forwardedFor: "192.0.2.99");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for()
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        for (var i = 0; i < 3; i++)
            await Send(api, Proxy, forwardedFor: "203.0.113.66");

        var response = await Send(api, Proxy, forwardedFor: "203.0.113.10");

        response.Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_client_is_the_one_throttled()
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        for (var i = 0; i < 3; i++)
            await Send(api, Proxy, forwardedFor: "203.0.113.66");

        var response = await Send(api, Proxy, forwardedFor: "203.0.113.66");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task With_a_trusted_network_a_client_outside_it_cannot_choose_its_address_by_x_forwarded_for()
    {
        // ASP.NET Core trusts every proxy when it knows none, so a network dropped from the list would trust them all.
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownNetworks", "10.0.0.0/8");
        for (var i = 1; i <= 3; i++)
            await Send(api, "198.51.100.7", forwardedFor: $"192.0.2.{i}");

        var response = await Send(api, "198.51.100.7", forwardedFor: "192.0.2.99");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_ipv4_known_network_matches_a_proxy_connected_through_an_ipv4_mapped_address()
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownNetworks", "10.0.0.0/8");
        for (var i = 0; i < 3; i++)
            await Send(api, "::ffff:10.1.2.3", forwardedFor: "203.0.113.66");

        var response = await Send(api, "::ffff:10.1.2.3", forwardedFor: "203.0.113.10");

        response.Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_outside_the_trusted_ones_are_ignored()
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        for (var i = 1; i <= 3; i++)
            await Send(api, "10.0.0.6", forwardedFor: $"192.0.2.{i}");

        var response = await Send(api, "10.0.0.6", forwardedFor: "192.0.2.99");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Loopback_is_not_trusted_unless_configured_so_a_client_on_this_machine_cannot_claim_addresses(string loopback)
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        for (var i = 1; i <= 3; i++)
            await Send(api, loopback, forwardedFor: $"192.0.2.{i}");

        var response = await Send(api, loopback, forwardedFor: "192.0.2.99");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Through_a_chain_of_trusted_proxies_the_client_is_the_first_untrusted_address()
    {
        using var api = SmallBudget().WithSetting("ForwardedHeaders:KnownNetworks", "10.0.0.0/8");
        for (var i = 0; i < 3; i++)
            await Send(api, Proxy, forwardedFor: $"203.0.113.66, 10.9.9.{i}");

        var response = await Send(api, Proxy, forwardedFor: "203.0.113.66, 10.9.9.9");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "is not a network")]
    [InlineData("10.0.0.0/33", "is not a network")]
    [InlineData("0.0.0.0/0", "trusts every address")]
    [InlineData("::/0", "trusts every address")]
    public void A_known_network_that_is_not_a_narrow_network_is_refused(string network, string reason)
    {
        var result = new TrustedProxyOptionsValidator().Validate(null, new TrustedProxyOptions { KnownNetworks = [network] });

        result.Failures.Should().ContainSingle().Which.Should().Contain($"'{network}', which {reason}");
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_is_refused()
    {
        var result = new TrustedProxyOptionsValidator().Validate(null, new TrustedProxyOptions { KnownProxies = ["proxy.internal"] });

        result.Failures.Should().ContainSingle().Which.Should().Contain("'proxy.internal', which is not an IP address");
    }

    [Fact]
    public void Lists_are_read_comma_separated_as_an_environment_variable_gives_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8, fd00::/8" })
            .Build();

        TrustedProxyOptions.From(configuration).KnownNetworks.Should().Equal("10.0.0.0/8", "fd00::/8");
    }

    [Fact]
    public void Empty_items_of_a_comma_separated_list_are_skipped()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "10.0.0.5,, ,fd00::1," })
            .Build();

        TrustedProxyOptions.From(configuration).KnownProxies.Should().Equal("10.0.0.5", "fd00::1");
    }

    [Fact]
    public void An_array_item_without_a_value_is_skipped()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = null, ["ForwardedHeaders:KnownNetworks:1"] = "10.0.0.0/8" })
            .Build();

        TrustedProxyOptions.From(configuration).KnownNetworks.Should().Equal("10.0.0.0/8");
    }

    private static ApiFactory SmallBudget() => new ApiFactory()
        .WithSetting("Clients:FailureBudget:Burst", "3")
        .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
        .WithSetting("Clients:FailureBudget:HoldTime", "00:00:00");

    private static Task<HttpResponseMessage> Send(ApiFactory api, string connectedFrom, string forwardedFor)
    {
        var client = api.ClientFrom(connectedFrom, api.Issuer.ForgedToken());
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client.GetAsync("/api/messages/protected");
    }
}
