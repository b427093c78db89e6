using System.Globalization;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The built API started as Production, the way an operator meets it: what its logs carry and what it leaves
/// on disk.</summary>
public sealed class ProductionStartTests(ProductionStartTests.StartedApi started) : IClassFixture<ProductionStartTests.StartedApi>
{
    /// <summary>One Production process with a HOME of its own, where anything it writes to the user profile lands.</summary>
    public sealed class StartedApi : IAsyncLifetime
    {
        public string Home { get; } = Path.Combine(Path.GetTempPath(), $"messagesapi-home-{Guid.NewGuid():N}");

        public DateTimeOffset StartedAt { get; private set; }

        public ApiProcess Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Home);
            StartedAt = DateTimeOffset.UtcNow;
            Api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["AUTH0_DOMAIN"] = "issuer.invalid",
                ["AUTH0_AUDIENCE"] = TokenBuilder.Audience,
                ["HOME"] = Home,
            });
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            Directory.Delete(Home, recursive: true);
        }
    }

    [Fact]
    public void Every_log_line_carries_an_iso_8601_utc_timestamp_of_when_it_was_written()
    {
        var lines = started.Api.Output.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement).ToArray();

        lines.Should().NotBeEmpty();
        foreach (var line in lines)
        {
            line.TryGetProperty("Timestamp", out var timestamp).Should().BeTrue($"every line has a timestamp: {line}");
            var written = DateTimeOffset.ParseExact(timestamp.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            written.Should().BeCloseTo(started.StartedAt, TimeSpan.FromMinutes(5));
        }
    }

    [Fact]
    public void Start_logs_no_data_protection_warning()
    {
        started.Api.Output.Should().NotContain("DataProtection").And.NotContain("No XML encryptor configured");
    }

    [Fact]
    public void Start_writes_no_data_protection_keys_to_the_user_profile()
    {
        Directory.EnumerateDirectories(started.Home, "DataProtection-Keys", SearchOption.AllDirectories).Should().BeEmpty();
    }
}
