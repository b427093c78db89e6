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

    [DockerBuildFact]
    public async Task Published_output_built_by_the_dockerfiles_commands_serves_the_api_as_production()
    {
        using var build = new DockerBuildStage(RepositoryRoot.Path);
        await build.ReplayAsync(Image.Stage("build"));
        // What the runtime stage takes from the build stage: COPY --from=build /app .
        var published = build.PathOf(Image.Stage("runtime").Single(i => i.Keyword == "COPY").Argument.Split(' ')[1]);
        var environment = Image.Environment.ToDictionary(e => e.Key, e => e.Value);
        environment["AUTH0_DOMAIN"] = "issuer.invalid";
        environment["AUTH0_AUDIENCE"] = "https://hello-world.example.com";

        Directory.GetFiles(published, "*.dbg").Should().BeEmpty("the image ships the executable, not its 60 MB of native debug symbols");
        await using var api = await ApiProcess.StartAsync(environment, published);

        (await api.Client().GetAsync(HealthEndpoints.LivenessPath)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client().GetStringAsync("/api/messages/public")).Should().Be("""{"text":"This is a public message."}""");
        (await api.Client().GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Client().GetAsync("/dev/token")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Client().GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Healthcheck(published, api.Port)).Should().Be(0);
    }

    [Fact]
    public async Task Healthcheck_mode_exits_non_zero_when_nothing_answers_on_PORT()
    {
        using var nothingListens = new ReservedPort();

        (await Healthcheck(ApiProcess.BuildDirectory, nothingListens.Port)).Should().NotBe(0);
    }

    private static async Task<int> Healthcheck(string directory, int port) =>
        (await ApiProcess.RunAsync(new Dictionary<string, string> { ["PORT"] = port.ToString() }, directory, "healthcheck")).ExitCode;
}
