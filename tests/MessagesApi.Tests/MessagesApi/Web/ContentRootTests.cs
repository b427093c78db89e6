using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Started as `dotnet /path/to/MessagesApi.dll` from another folder (systemd units, scripts), the API still
/// reads its own appsettings.json: JSON logs, and no log line per request.</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("messagesapi-cwd-");

    [Fact]
    public async Task Started_from_another_folder_it_logs_json_and_nothing_per_request()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = "issuer.invalid",
            ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
        }, workingDirectory: _elsewhere.FullName);

        await api.Client().GetAsync("/api/messages/public");
        await api.Client().GetAsync("/api/messages/protected");
        await Eventually.Until(() => api.Output.Contains("401 for /api/messages/protected"), TimeSpan.FromSeconds(10), "the API's own log of the 401");

        var lines = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(line => IsJsonObject(line), "appsettings.json sets the JSON console formatter");
        lines.Should().NotContain(line => line.Contains("Request starting"), "appsettings.json keeps Microsoft.AspNetCore at Warning");
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => _elsewhere.Delete(recursive: true);
}
