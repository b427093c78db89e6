using System.Net;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using MessagesApi.Web;

namespace MessagesApi.Tests;

/// <summary>No Docker engine runs here, so these keep the Dockerfile honest: its invariants, and its build stage replayed
/// on only what it copies from the build context, with the output started the way its ENTRYPOINT starts it.</summary>
public sealed class ContainerImageTests
{
    private static readonly Dockerfile Image = Dockerfile.OfRepository;

    /// <summary>What Microsoft's runtime-deps base image sets in its own environment (its Dockerfile's ENV), before ours.</summary>
    private static readonly IReadOnlyDictionary<string, string> BaseImageEnvironment = new Dictionary<string, string>
    {
        ["APP_UID"] = "1654",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    [Fact]
    public void Runs_as_a_non_root_user()
    {
        new[] { "root", "0" }.Should().NotContain(Image.All("USER").Last());
    }

    [Fact]
    public void Exposes_the_default_port()
    {
        Image.All("EXPOSE").Should().Equal(HostingOptions.DefaultPort.ToString());
        Image.Environment["PORT"].Should().Be(HostingOptions.DefaultPort.ToString());
    }

    [Fact]
    public void Runs_as_production()
    {
        Image.Environment["ASPNETCORE_ENVIRONMENT"].Should().Be("Production");
    }

    [Fact]
    public void Has_a_healthcheck_that_uses_the_apps_own_healthcheck_mode()
    {
        Image.All("HEALTHCHECK").Should().ContainSingle().Which.Should().EndWith("""CMD ["/app/MessagesApi", "healthcheck"]""");
    }

    [Fact]
    public void Carries_no_secret_in_its_environment()
    {
        Image.Environment.Keys.Should().NotContain(key => key.Contains("SECRET") || key.Contains("PASSWORD") || key.Contains("KEY") || key.Contains("TOKEN"));
        Image.Environment.Keys.Should().NotContain(["AUTH0_DOMAIN", "AUTH0_AUDIENCE"]);
    }

    [Fact]
    public void Clears_the_http_ports_the_base_image_sets()
    {
        Image.Environment["ASPNETCORE_HTTP_PORTS"].Should().BeEmpty();
    }

    [Fact]
    public async Task Starts_without_a_framework_warning_in_the_environment_the_image_gives_it()
    {
        await using var api = await ApiProcess.StartAsync(ContainerEnvironment());

        (await api.Client().GetAsync(HealthEndpoints.LivenessPath)).StatusCode.Should().Be(HttpStatusCode.OK);
        FrameworkWarnings(api.Output).Should().BeEmpty();
    }

    [DockerBuildFact]
    public async Task Published_output_built_by_the_dockerfiles_commands_serves_the_api_as_production()
    {
        using var build = new DockerBuildStage(RepositoryRoot.Path);
        await build.ReplayAsync(Image.Stage("build"));
        // What the runtime stage takes from the build stage: COPY --from=build /app .
        var published = build.PathOf(Image.Stage("runtime").Single(i => i.Keyword == "COPY").Argument.Split(' ')[1]);
        var environment = ContainerEnvironment();

        Directory.GetFiles(published, "*.dbg").Should().BeEmpty("the image ships the executable, not its 60 MB of native debug symbols");
        await using var api = await ApiProcess.StartAsync(environment, published);

        (await api.Client().GetAsync(HealthEndpoints.LivenessPath)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client().GetStringAsync("/api/messages/public")).Should().Be("""{"text":"This is a public message."}""");
        (await api.Client().GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Client().GetAsync("/dev/token")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Client().GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Healthcheck(published, api.Port)).Should().Be(0);
        FrameworkWarnings(api.Output).Should().BeEmpty();
    }

    [Fact]
    public async Task Healthcheck_mode_exits_non_zero_when_nothing_answers_on_PORT()
    {
        using var nothingListens = new ReservedPort();

        (await Healthcheck(ApiProcess.BuildDirectory, nothingListens.Port)).Should().NotBe(0);
    }

    /// <summary>The base image's environment, the Dockerfile's ENV over it, and the two settings `docker run` must add.</summary>
    private static Dictionary<string, string> ContainerEnvironment()
    {
        var environment = BaseImageEnvironment.Concat(Image.Environment).GroupBy(e => e.Key).ToDictionary(e => e.Key, e => e.Last().Value);
        environment["AUTH0_DOMAIN"] = "issuer.invalid";
        environment["AUTH0_AUDIENCE"] = "https://hello-world.example.com";
        return environment;
    }

    /// <summary>Log lines above Information from ASP.NET Core and .NET (Kestrel's "Overriding address(es)" among them); the
    /// API's own, such as the unreachable issuer's, are expected here.</summary>
    private static IEnumerable<string> FrameworkWarnings(string output) =>
        output.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(entry => entry.GetProperty("LogLevel").GetString() != "Information" && entry.GetProperty("Category").GetString()!.StartsWith("Microsoft."))
            .Select(entry => entry.GetRawText());

    private static async Task<int> Healthcheck(string directory, int port) =>
        (await ApiProcess.RunAsync(new Dictionary<string, string> { ["PORT"] = port.ToString() }, directory, "healthcheck")).ExitCode;
}
