using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API on its dual-stack listener, where a client on 127.0.0.1 arrives as ::ffff:127.0.0.1, with a
/// budget of two failed tokens: who the client is, with and without a trusted proxy.</summary>
public sealed class ClientIdentityProcessTests
{
    [Fact]
    public async Task Without_trusted_proxies_a_new_x_forwarded_for_on_every_request_is_still_one_client()
    {
        await using var api = await StartAsync();
        await Garbage(api, forwardedFor: "192.0.2.1");
        await Garbage(api, forwardedFor: "192.0.2.2");

        var response = await Garbage(api, forwardedFor: "192.0.2.3");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Behind_a_trusted_ipv4_network_clients_arriving_over_ipv4_mapped_addresses_are_told_apart_by_x_forwarded_for()
    {
        await using var api = await StartAsync(("ForwardedHeaders__KnownNetworks", "127.0.0.0/8"));
        await Garbage(api, forwardedFor: "203.0.113.66");
        await Garbage(api, forwardedFor: "203.0.113.66");
        (await Garbage(api, forwardedFor: "203.0.113.66")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var response = await Garbage(api, forwardedFor: "203.0.113.10");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static Task<ApiProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            // Malformed tokens fail before any key is needed, so no issuer has to answer.
            ["AUTH0_DOMAIN"] = "localhost:1",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
            ["Clients__FailureBudget__Burst"] = "2",
            ["Clients__FailureBudget__RefillInterval"] = "01:00:00",
            ["Clients__FailureBudget__HoldTime"] = "00:00:00",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        return ApiProcess.StartAsync(environment);
    }

    private static async Task<HttpResponseMessage> Garbage(ApiProcess api, string forwardedFor)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
