using System.Net;
using ResourceServer.AspNetCore.Clients;

namespace MessagesApi.Tests;

public sealed class ClientKeyTests
{
    [Fact]
    public void An_ipv4_address_and_its_ipv4_mapped_ipv6_form_are_one_client() =>
        ClientKey.From(IPAddress.Parse("::ffff:192.0.2.1")).Should().Be(ClientKey.From(IPAddress.Parse("192.0.2.1")));

    [Fact]
    public void Neighbouring_ipv4_addresses_are_different_clients() =>
        ClientKey.From(IPAddress.Parse("192.0.2.1")).Should().NotBe(ClientKey.From(IPAddress.Parse("192.0.2.2")));

    [Fact]
    public void Ipv6_addresses_in_one_slash_64_are_one_client() =>
        ClientKey.From(IPAddress.Parse("2001:db8:1:2::1")).Should().Be(ClientKey.From(IPAddress.Parse("2001:db8:1:2:abcd::9")));

    [Fact]
    public void Ipv6_addresses_in_different_slash_64s_are_different_clients() =>
        ClientKey.From(IPAddress.Parse("2001:db8:1:2::1")).Should().NotBe(ClientKey.From(IPAddress.Parse("2001:db8:1:3::1")));

    [Theory]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:abcd::9", "2001:db8:1:2::/64")]
    public void A_client_is_logged_as_its_address_or_its_slash_64(string address, string logged) =>
        ClientKey.From(IPAddress.Parse(address)).ToString().Should().Be(logged);
}
