using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

/// <summary>Every setting at its edges, in-process: a value outside its range is refused at start with one failure
/// naming it; a value at the edge of its range works.</summary>
public sealed class SettingEdgesTests
{
    [Theory]
    [InlineData("AUTH0_DOMAIN", "issuer.test,https://issuer.test/")]
    [InlineData("Auth0:Algorithms", "HS256")]
    [InlineData("Auth0:ClockSkew", "-00:00:01")]
    [InlineData("Auth0:ClockSkew", "00:02:01")]
    [InlineData("Auth0:KeyRefreshInterval", "00:00:00")]
    [InlineData("Auth0:KeyRefreshInterval", "-00:10:00")]
    [InlineData("Auth0:KeyRefreshInterval", "1.00:00:01")]
    [InlineData("Auth0:KeyRefreshInterval", "60.00:00:00")]
    [InlineData("Auth0:OnDemandRefreshThrottle", "00:00:00")]
    [InlineData("Auth0:OnDemandRefreshThrottle", "00:00:00.099")]
    [InlineData("Auth0:OnDemandRefreshThrottle", "00:10:01")]
    [InlineData("Auth0:BackchannelTimeout", "00:00:00")]
    [InlineData("Auth0:BackchannelTimeout", "-00:00:05")]
    [InlineData("Auth0:BackchannelTimeout", "00:05:01")]
    [InlineData("Auth0:BackchannelTimeout", "25.00:00:00")]
    [InlineData("Auth0:TokenCache:MaxLifetime", "00:00:00")]
    [InlineData("Auth0:TokenCache:MaxLifetime", "01:00:01")]
    [InlineData("Auth0:TokenCache:MaxLifetime", "10000000.00:00:00")]
    [InlineData("Auth0:TokenCache:MaxEntries", "0")]
    [InlineData("Auth0:TokenCache:MaxEntries", "-1")]
    [InlineData("Auth0:TokenCache:RejectedTokenLifetime", "-00:00:01")]
    [InlineData("Auth0:TokenCache:RejectedTokenLifetime", "00:10:01")]
    [InlineData("Auth0:Dpop:Mode", "7")]
    [InlineData("Auth0:Dpop:Algorithms", "HS256")]
    [InlineData("Auth0:Dpop:ProofMaxAge", "00:00:00")]
    [InlineData("Auth0:Dpop:ProofMaxAge", "00:10:01")]
    [InlineData("Auth0:Dpop:NonceLifetime", "00:00:09")]
    [InlineData("Auth0:Dpop:NonceLifetime", "01:00:01")]
    [InlineData("Auth0:Dpop:NonceKey", "too-short")]
    [InlineData("Auth0:Dpop:MaxRememberedProofs", "0")]
    [InlineData("Auth0:Dpop:MaxKeyShare", "0")]
    [InlineData("Auth0:Dpop:MaxKeyShare", "1.01")]
    [InlineData("Auth0:Dpop:MaxKeyShare", "NaN")]
    [InlineData("Clients:FailureBudget:Burst", "0")]
    [InlineData("Clients:FailureBudget:Burst", "100001")]
    [InlineData("Clients:FailureBudget:RefillInterval", "00:00:00")]
    [InlineData("Clients:FailureBudget:RefillInterval", "01:00:01")]
    [InlineData("Clients:FailureBudget:HoldTime", "-00:00:01")]
    [InlineData("Clients:FailureBudget:HoldTime", "00:00:31")]
    [InlineData("Clients:FailureBudget:MaxHeldRequests", "0")]
    [InlineData("Clients:FailureBudget:MaxClients", "1000001")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/33")]
    [InlineData("ForwardedHeaders:KnownProxies", "proxy.internal")]
    [InlineData("Observability:RejectionLog:LinesPerInterval", "-1")]
    [InlineData("Observability:RejectionLog:Interval", "00:00:00")]
    [InlineData("Observability:RejectionLog:Interval", "00:00:00.999")]
    [InlineData("Observability:RejectionLog:Interval", "-00:00:10")]
    [InlineData("Observability:RejectionLog:Interval", "01:00:01")]
    [InlineData("ShutdownTimeout", "-00:00:01")]
    [InlineData("ShutdownTimeout", "00:10:01")]
    [InlineData("ShutdownTimeout", "60.00:00:00")]
    [InlineData("ShutdownDelay", "-00:00:01")]
    [InlineData("ShutdownDelay", "00:05:01")]
    [InlineData("ShutdownDelay", "60.00:00:00")]
    [InlineData("Kestrel:Limits:MaxConcurrentConnections", "0")]
    [InlineData("Kestrel:Limits:MaxRequestBodySize", "-1")]
    [InlineData("Kestrel:Limits:RequestHeadersTimeout", "00:00:00.999")]
    [InlineData("Kestrel:Limits:RequestHeadersTimeout", "00:05:01")]
    [InlineData("Kestrel:Limits:KeepAliveTimeout", "00:00:00")]
    [InlineData("Kestrel:Limits:KeepAliveTimeout", "01:00:01")]
    [InlineData("Kestrel:Limits:MaxRequestHeadersTotalSize", "0")]
    [InlineData("Kestrel:Limits:MaxRequestHeaderCount", "0")]
    [InlineData("PORT", "0")]
    [InlineData("PORT", "65536")]
    public void A_value_outside_its_range_is_refused_at_start_naming_the_setting(string setting, string value)
    {
        using var api = new ApiFactory().WithSetting(setting, value);

        // What RunOrExplain runs before the host starts (in-process, the factory runs Program up to it).
        var validate = () => api.Services.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Contain(setting);
    }

    [Theory]
    [InlineData("Auth0:ClockSkew", "00:00:00")]
    [InlineData("Auth0:ClockSkew", "00:02:00")]
    [InlineData("Auth0:KeyRefreshInterval", "00:00:01")]
    [InlineData("Auth0:KeyRefreshInterval", "1.00:00:00")]
    [InlineData("Auth0:OnDemandRefreshThrottle", "00:00:00.1")]
    [InlineData("Auth0:OnDemandRefreshThrottle", "00:10:00")]
    [InlineData("Auth0:BackchannelTimeout", "00:00:00.1")]
    [InlineData("Auth0:BackchannelTimeout", "00:05:00")]
    [InlineData("Auth0:TokenCache:MaxLifetime", "00:00:01")]
    [InlineData("Auth0:TokenCache:MaxLifetime", "01:00:00")]
    [InlineData("Auth0:TokenCache:MaxEntries", "1")]
    [InlineData("Auth0:TokenCache:MaxEntries", "2147483647")]
    [InlineData("Auth0:TokenCache:RejectedTokenLifetime", "00:00:00")]
    [InlineData("Auth0:TokenCache:RejectedTokenLifetime", "00:10:00")]
    [InlineData("Auth0:Dpop:Algorithms", "ES256")]
    [InlineData("Auth0:Dpop:ProofMaxAge", "00:00:01")]
    [InlineData("Auth0:Dpop:ProofMaxAge", "00:10:00")]
    [InlineData("Auth0:Dpop:NonceLifetime", "00:00:10")]
    [InlineData("Auth0:Dpop:NonceLifetime", "01:00:00")]
    [InlineData("Auth0:Dpop:NonceKey", "0123456789abcdef0123456789abcdef")]
    [InlineData("Auth0:Dpop:NonceKey", "")]
    [InlineData("Auth0:Dpop:MaxRememberedProofs", "1")]
    [InlineData("Auth0:Dpop:MaxKeyShare", "0.000001")]
    [InlineData("Auth0:Dpop:MaxKeyShare", "1")]
    [InlineData("Clients:FailureBudget:Burst", "1")]
    [InlineData("Clients:FailureBudget:Burst", "100000")]
    [InlineData("Clients:FailureBudget:RefillInterval", "00:00:00.001")]
    [InlineData("Clients:FailureBudget:RefillInterval", "01:00:00")]
    [InlineData("Clients:FailureBudget:HoldTime", "00:00:00")]
    [InlineData("Clients:FailureBudget:HoldTime", "00:00:30")]
    [InlineData("Clients:FailureBudget:MaxHeldRequests", "1")]
    [InlineData("Clients:FailureBudget:MaxClients", "1000000")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/8,fd00::/8")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5,::1")]
    [InlineData("Observability:RejectionLog:LinesPerInterval", "0")]
    [InlineData("Observability:RejectionLog:LinesPerInterval", "2147483647")]
    [InlineData("Observability:RejectionLog:Interval", "00:00:01")]
    [InlineData("Observability:RejectionLog:Interval", "01:00:00")]
    [InlineData("ShutdownTimeout", "00:00:00")]
    [InlineData("ShutdownTimeout", "00:10:00")]
    [InlineData("Kestrel:Limits:MaxConcurrentConnections", "1")]
    [InlineData("Kestrel:Limits:MaxRequestBodySize", "0")]
    [InlineData("Kestrel:Limits:RequestHeadersTimeout", "00:00:01")]
    [InlineData("Kestrel:Limits:RequestHeadersTimeout", "00:05:00")]
    [InlineData("Kestrel:Limits:KeepAliveTimeout", "00:00:01")]
    [InlineData("Kestrel:Limits:KeepAliveTimeout", "01:00:00")]
    [InlineData("Kestrel:Limits:MaxRequestHeadersTotalSize", "1")]
    [InlineData("Kestrel:Limits:MaxRequestHeaderCount", "1")]
    public async Task A_value_at_the_edge_of_its_range_lets_a_valid_token_in(string setting, string value)
    {
        using var api = new ApiFactory().WithSetting(setting, value);

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("1.00:00:01")]
    [InlineData("10000000.00:00:00")]
    public void A_development_token_lifetime_outside_its_range_is_refused_at_start(string value)
    {
        using var api = new DevelopmentApiFactory();
        using var configured = api.WithWebHostBuilder(host => host.UseSetting("DevIssuer:DefaultTokenLifetime", value));

        var validate = () => configured.Services.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith("DevIssuer:DefaultTokenLifetime is");
    }

    [Fact]
    public async Task The_longest_development_token_lifetime_mints_tokens_for_a_day()
    {
        using var api = new DevelopmentApiFactory();
        using var configured = api.WithWebHostBuilder(host => host.UseSetting("DevIssuer:DefaultTokenLifetime", "1.00:00:00"));

        var token = await configured.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token");

        token.GetProperty("expires_in").GetInt64().Should().Be(86_400);
    }

    [Fact]
    public async Task The_longest_key_refresh_interval_still_refreshes_on_schedule()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:KeyRefreshInterval", "1.00:00:00");
        await api.KeysLoadedAsync();
        var fetches = api.Issuer.JwksRequests;

        await api.RunScheduledKeyRefreshAsync();

        api.Issuer.JwksRequests.Should().Be(fetches + 1);
    }
}
