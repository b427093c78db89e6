using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>npm's oauth4webapi, a real RFC 9728 client, discovering the built API from its 401 the way an MCP client or
/// a browser app does (oidc/resource-discovery.mjs).</summary>
public sealed class ResourceDiscoveryTests : IDisposable
{
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromSeconds(30);

    private readonly TemporaryKeyFile _keyFile = new();

    [ProviderFact]
    public async Task A_real_RFC_9728_client_follows_resource_metadata_from_a_401_and_accepts_the_document()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile.Path,
        });

        var discovery = await ChildProcess.RunAsync(Discover($"http://localhost:{api.Port}"), ScriptLimit);

        discovery.ExitCode.Should().Be(0, discovery.StandardError);
        JsonDocument.Parse(discovery.StandardOutput).RootElement.GetProperty("authorization_servers").EnumerateArray()
            .Select(server => server.GetString()).Should().Equal($"http://localhost:{api.Port}/dev-issuer/");
    }

    private static System.Diagnostics.ProcessStartInfo Discover(string resource) =>
        new("node", ["resource-discovery.mjs", resource]) { WorkingDirectory = Prerequisites.ProviderDirectory };

    public void Dispose() => _keyFile.Dispose();
}
