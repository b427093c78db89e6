using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

/// <summary>The limits Kestrel is given, in-process: the reviewed defaults, and each one replaced from Kestrel:Limits,
/// which ASP.NET Core itself does not read. How the real server behaves at them is in <see cref="KestrelLimitsProcessTests"/>.</summary>
public sealed class KestrelLimitsTests
{
    private static KestrelServerLimits Limits(ApiFactory api) => api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

    [Fact]
    public void Request_bodies_are_limited_to_64_KB()
    {
        using var api = new ApiFactory();

        Limits(api).MaxRequestBodySize.Should().Be(64 * 1024);
    }

    [Fact]
    public void Request_headers_must_arrive_within_10_seconds()
    {
        using var api = new ApiFactory();

        Limits(api).RequestHeadersTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    // The values reviewed for hostile clients (see KestrelLimitsOptions), which are Kestrel's defaults today; compared with
    // the numbers, not with a new KestrelServerLimits, so a framework that changes its defaults turns this red for review.
    [Fact]
    public void Connections_are_unlimited_headers_32_KB_and_100_at_most_and_keep_alive_130_seconds_as_kestrels_defaults()
    {
        using var api = new ApiFactory();

        var limits = Limits(api);

        (limits.MaxConcurrentConnections, limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderCount, limits.KeepAliveTimeout)
            .Should().Be(((long?)null, 32 * 1024, 100, TimeSpan.FromSeconds(130)));
    }

    [Theory]
    [InlineData("MaxConcurrentConnections", "500")]
    [InlineData("MaxRequestBodySize", "1048576")]
    [InlineData("RequestHeadersTimeout", "00:00:05")]
    [InlineData("KeepAliveTimeout", "00:10:20")]
    [InlineData("MaxRequestHeadersTotalSize", "65536")]
    [InlineData("MaxRequestHeaderCount", "50")]
    public void A_limit_set_under_Kestrel_Limits_replaces_the_default(string limit, string value)
    {
        using var api = new ApiFactory().WithSetting($"Kestrel:Limits:{limit}", value);

        var limits = Limits(api);

        (limit switch
        {
            "MaxConcurrentConnections" => limits.MaxConcurrentConnections.ToString(),
            "MaxRequestBodySize" => limits.MaxRequestBodySize.ToString(),
            "RequestHeadersTimeout" => limits.RequestHeadersTimeout.ToString("c"),
            "KeepAliveTimeout" => limits.KeepAliveTimeout.ToString("c"),
            "MaxRequestHeadersTotalSize" => limits.MaxRequestHeadersTotalSize.ToString(),
            "MaxRequestHeaderCount" => limits.MaxRequestHeaderCount.ToString(),
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        }).Should().Be(value);
    }
}
