using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceServer.AspNetCore.DevIssuer;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

/// <summary>The development issuer's key file shared by real processes: the `token` and `rotate-dev-key` commands and a
/// running API, each with its own copy of the keys in memory.</summary>
public sealed class DevKeyFileAcrossProcessesTests : IDisposable
{
    private readonly TemporaryKeyFile _keyFile = new();

    [Fact]
    public async Task Token_commands_racing_on_a_fresh_key_file_all_exit_0_with_tokens_signed_by_a_key_in_the_file()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ApiProcess.RunAsync(Development(), ApiProcess.BuildDirectory, "token")));

        runs.Select(run => run.ExitCode).Should().AllBeEquivalentTo(0, because: string.Join('\n', runs.Select(run => run.StandardError)));
        runs.Select(run => new JsonWebToken(run.StandardOutput.Trim()).Kid).Except(KeyIdsInFile()).Should().BeEmpty("every token must verify against the file");
    }

    [Fact]
    public async Task Rotate_command_switches_a_running_api_to_the_new_key_without_a_restart_while_old_tokens_stay_valid()
    {
        await using var api = await ApiProcess.StartAsync(Development());
        var before = await DevToken(api);

        var rotation = await ApiProcess.RunAsync(Development(), ApiProcess.BuildDirectory, "rotate-dev-key");

        rotation.ExitCode.Should().Be(0, rotation.StandardError);
        var after = await DevToken(api);
        new[] { new JsonWebToken(after).Kid, new JsonWebToken(before).Kid }.Should().Equal(KeyIdsInFile(), "the new key signs and the old one stays published");
        await Eventually.Until(async () => await ProtectedStatus(api, after) == HttpStatusCode.OK, TimeSpan.FromSeconds(15),
            "the API fetches its issuer's keys again when a token names a key it does not know");
        (await ProtectedStatus(api, before)).Should().Be(HttpStatusCode.OK);
    }

    private Dictionary<string, string> Development() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DevIssuer__KeyFile"] = _keyFile.Path,
    };

    private static async Task<string> DevToken(ApiProcess api)
    {
        using var client = api.Client();
        return (await client.GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> ProtectedStatus(ApiProcess api, string token)
    {
        using var client = api.Client(token);
        return (await client.GetAsync("/api/messages/protected")).StatusCode;
    }

    private string[] KeyIdsInFile() => StoredKey.Deserialize(File.ReadAllBytes(_keyFile.Path)).Select(key => key.KeyId).ToArray();

    public void Dispose() => _keyFile.Dispose();
}
