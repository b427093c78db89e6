using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests;

/// <summary>The curl recipe's two commands, `token --dpop` and `dpop-proof`, run as a newcomer runs them, against the
/// development issuer that shares their key file.</summary>
public sealed class DpopCommandTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    private const string ProtectedUrl = "http://localhost:6060/api/messages/protected";

    [Fact]
    public async Task A_token_from_token_dpop_and_a_proof_from_dpop_proof_get_the_protected_message()
    {
        var token = await Run("token", "--dpop");
        var proof = await Run("dpop-proof", "--method", "GET", "--url", ProtectedUrl, "--token", token);

        var response = await Call(token, proof);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_dpop_binds_the_token_to_the_key_dpop_proof_signs_with()
    {
        var token = await Run("token", "--dpop", "--permission", "read:admin-messages");
        var proof = new JsonWebToken(await Run("dpop-proof", "--url", ProtectedUrl, "--token", token));

        var jkt = new JsonWebToken(token).GetPayloadValue<JsonElement>("cnf").GetProperty("jkt").GetString();
        jkt.Should().Be(Base64UrlEncoder.Encode(new JsonWebKey(proof.GetHeaderValue<JsonElement>("jwk").GetRawText()).ComputeJwkThumbprint()));
    }

    [Fact]
    public async Task A_proof_without_token_gets_a_bound_token_from_dev_token()
    {
        var proof = await Run("dpop-proof", "--url", "http://localhost:6060/dev/token");
        var request = new HttpRequestMessage(HttpMethod.Get, "/dev/token");
        request.Headers.Add("DPoP", proof);

        var response = await api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token_type").GetString().Should().Be("DPoP");
    }

    [Fact]
    public async Task Dpop_proof_leaves_the_query_out_of_htu()
    {
        var proof = new JsonWebToken(await Run("dpop-proof", "--method", "post", "--url", "http://localhost:6060/dev/token?permission=x#part"));

        (proof.GetPayloadValue<string>("htu"), proof.GetPayloadValue<string>("htm")).Should().Be(("http://localhost:6060/dev/token", "POST"));
    }

    [Fact]
    public async Task Dpop_proof_without_a_url_is_refused_in_one_line()
    {
        var run = await RunCommand("dpop-proof", "--method", "GET");

        run.ExitCode.Should().Be(1);
        run.StandardError.Trim().Should().Be("--url is required: the http(s) URL the proof is for, e.g. --url http://localhost:6060/api/messages/protected.");
    }

    private Task<HttpResponseMessage> Call(string token, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        request.Headers.Add("DPoP", proof);
        return api.CreateClient().SendAsync(request);
    }

    private async Task<string> Run(params string[] arguments)
    {
        var run = await RunCommand(arguments);
        run.ExitCode.Should().Be(0, run.StandardError);
        return run.StandardOutput.Trim();
    }

    /// <summary>The command with the factory's key file and port: its tokens come from the issuer the API trusts.</summary>
    private Task<CommandResult> RunCommand(params string[] arguments) =>
        ApiProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = api.KeyFile,
            ["PORT"] = "6060",
        }, ApiProcess.BuildDirectory, arguments);
}
