using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Every answer the API really sends, success or refusal, has a status its OpenAPI document lists for that
/// operation and a body that validates against the schema the document gives it (JsonSchema.Net, the document's
/// $refs resolved): a client generated from the document reads every real response.</summary>
public sealed class OpenApiResponsesTests
{
    private const string Protected = "/api/messages/protected";
    private const string Admin = "/api/messages/admin";
    private const string NotOnThisMachine = "203.0.113.7";

    [Fact]
    public async Task Every_answer_of_the_messages_dev_issuer_health_and_metadata_endpoints_matches_the_document()
    {
        await using var api = new DevelopmentApiFactory();
        var client = api.CreateClient();
        var plain = await DevToken(client, "");
        var admin = await DevToken(client, "?permission=read:admin-messages");
        await Eventually.Until(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the development issuer's keys");
        var answers = new List<(HttpMethod, string, HttpResponseMessage)>
        {
            Get("/api/messages/public", await client.GetAsync("/api/messages/public")),
            Get(Protected, await client.GetAsync(Protected)),
            Get(Protected, await Send(client, HttpMethod.Get, Protected, "not-a-token")),
            Get(Protected, await Send(client, HttpMethod.Get, Protected, plain)),
            Get(Admin, await client.GetAsync(Admin)),
            Get(Admin, await Send(client, HttpMethod.Get, Admin, "not-a-token")),
            Get(Admin, await Send(client, HttpMethod.Get, Admin, plain)),
            Get(Admin, await Send(client, HttpMethod.Get, Admin, admin)),
            Get("/dev/token", await client.GetAsync("/dev/token?permission=read:admin-messages&sub=alice")),
            Get("/dev/token", await client.GetAsync("/dev/token?lifetime=abc")),
            Get("/dev/token", await client.GetAsync("/dev/token?color=blue")),
            Get("/dev/token", await WithDpopProof(client, "not-a-proof")),
            Get("/dev/token", await api.ClientFrom(NotOnThisMachine).GetAsync("/dev/token")),
            (HttpMethod.Post, "/dev/token", await client.PostAsync("/dev/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["sub"] = "bob" }))),
            (HttpMethod.Post, "/dev/token", await client.PostAsync("/dev/token", JsonContent.Create(new { sub = "bob" }))),
            Get("/dev/explain", await Send(client, HttpMethod.Get, "/dev/explain", admin)),
            Get("/dev/explain", await client.GetAsync("/dev/explain")),
            (HttpMethod.Post, "/dev/explain", await client.PostAsync("/dev/explain", new StringContent(plain))),
            (HttpMethod.Post, "/dev/explain", await api.ClientFrom(NotOnThisMachine).PostAsync("/dev/explain", new StringContent(plain))),
            Get("/healthz", await client.GetAsync("/healthz")),
            Get("/readyz", await client.GetAsync("/readyz")),
            Get("/.well-known/oauth-protected-resource", await client.GetAsync("/.well-known/oauth-protected-resource")),
        };

        (await MismatchesAsync(await OpenApiContract.OfAsync(client), answers)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_client_over_its_failure_budget_gets_a_429_the_document_describes()
    {
        using var api = Production()
            .WithSetting("Clients:FailureBudget:Burst", "1")
            .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
            .WithSetting("Clients:FailureBudget:HoldTime", "00:00:00");
        var flooder = api.ClientFrom("198.51.100.7", api.Issuer.ForgedToken());
        (await flooder.GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var throttled = await api.ClientFrom("198.51.100.7", api.Issuer.ForgedToken()).GetAsync(Admin);

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await MismatchesAsync(await OpenApiContract.OfAsync(api.CreateClient()), [Get(Admin, throttled)])).Should().BeEmpty();
    }

    [Fact]
    public async Task Readiness_while_the_issuer_is_unreachable_is_a_503_the_document_describes()
    {
        using var api = Production();
        api.Issuer.State = IssuerState.Refusing;

        var notReady = await api.CreateClient().GetAsync("/readyz");

        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await MismatchesAsync(await OpenApiContract.OfAsync(api.CreateClient()), [Get("/readyz", notReady)])).Should().BeEmpty();
    }

    [Fact]
    public async Task Unpublished_resource_metadata_is_a_404_the_document_describes()
    {
        using var api = Production();

        var unpublished = await api.CreateClient().GetAsync("/.well-known/oauth-protected-resource");

        unpublished.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await MismatchesAsync(await OpenApiContract.OfAsync(api.CreateClient()), [Get("/.well-known/oauth-protected-resource", unpublished)]))
            .Should().BeEmpty();
    }

    [Fact]
    public async Task A_status_the_document_does_not_list_is_a_mismatch()
    {
        using var api = Production();
        var teapot = new HttpResponseMessage((HttpStatusCode)418) { Content = JsonContent.Create(new { message = "I'm a teapot" }) };

        var mismatches = await MismatchesAsync(await OpenApiContract.OfAsync(api.CreateClient()), [Get(Protected, teapot)]);

        mismatches.Should().ContainSingle().Which.Should().Contain("418, a status the document does not list");
    }

    private static ApiFactory Production() => new ApiFactory().WithSetting("Swagger:Enabled", "true");

    private static (HttpMethod, string, HttpResponseMessage) Get(string path, HttpResponseMessage response) => (HttpMethod.Get, path, response);

    private static async Task<List<string>> MismatchesAsync(OpenApiContract contract, IEnumerable<(HttpMethod Method, string Path, HttpResponseMessage Response)> answers)
    {
        var mismatches = new List<string>();
        foreach (var (method, path, response) in answers)
        {
            if (await contract.MismatchAsync(method, path, response) is { } mismatch)
                mismatches.Add(mismatch);
        }
        return mismatches;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> WithDpopProof(HttpClient client, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dev/token");
        request.Headers.Add("DPoP", proof);
        return client.SendAsync(request);
    }

    private static async Task<string> DevToken(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/dev/token" + query)).GetProperty("access_token").GetString()!;
}
