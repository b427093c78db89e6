using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using MessagesApi.Web;
using YamlDotNet.RepresentationModel;

namespace MessagesApi.Tests;

public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, file))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Container => (YamlMappingNode)Node(Load("deployment.yaml"), "spec", "template", "spec", "containers")[0];

    private static dynamic Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;

    [Fact]
    public void Probes_use_the_apps_health_paths()
    {
        Scalar(Container, "readinessProbe", "httpGet", "path").Should().Be(HealthEndpoints.ReadinessPath);
        Scalar(Container, "livenessProbe", "httpGet", "path").Should().Be(HealthEndpoints.LivenessPath);
    }

    [Fact]
    public void Container_port_matches_the_apps_and_the_dockerfiles_port()
    {
        var port = Scalar((YamlNode)Node(Container, "ports")[0], "containerPort");

        port.Should().Be(HostingOptions.DefaultPort.ToString());
        Dockerfile.OfRepository.All("EXPOSE").Should().Equal(port);
    }

    [Fact]
    public void Grace_period_covers_the_shutdown_delay_and_the_shutdown_timeout()
    {
        var gracePeriod = TimeSpan.FromSeconds(int.Parse(Scalar(Load("deployment.yaml"), "spec", "template", "spec", "terminationGracePeriodSeconds")));

        // Strictly longer: the process still has to exit once the last request is done, before Kubernetes kills it.
        gracePeriod.Should().BeGreaterThan(HostingOptions.DefaultShutdownDelay + HostingOptions.DefaultShutdownTimeout);
    }

    [Fact]
    public void Container_runs_non_root_read_only_without_privilege_escalation()
    {
        Scalar(Load("deployment.yaml"), "spec", "template", "spec", "securityContext", "runAsNonRoot").Should().Be("true");
        Scalar(Container, "securityContext", "readOnlyRootFilesystem").Should().Be("true");
        Scalar(Container, "securityContext", "allowPrivilegeEscalation").Should().Be("false");
    }

    [Fact]
    public void Deployment_runs_at_least_two_replicas_with_resource_requests_and_limits()
    {
        int.Parse(Scalar(Load("deployment.yaml"), "spec", "replicas")).Should().BeGreaterThanOrEqualTo(2);
        Scalar(Container, "resources", "requests", "cpu").Should().NotBeNullOrEmpty("the autoscaler's CPU utilization is relative to it");
        Scalar(Container, "resources", "requests", "memory").Should().NotBeNullOrEmpty();
        Scalar(Container, "resources", "limits", "cpu").Should().NotBeNullOrEmpty();
        Scalar(Container, "resources", "limits", "memory").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Configmap_carries_the_documented_settings_and_the_deployment_uses_it()
    {
        var data = (YamlMappingNode)Node(Load("configmap.yaml"), "data");

        data.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Should().BeEquivalentTo("AUTH0_DOMAIN", "AUTH0_AUDIENCE", "CLIENT_ORIGIN_URL", "PUBLIC_URL");
        Scalar((YamlNode)Node(Container, "envFrom")[0], "configMapRef", "name").Should().Be(Scalar(Load("configmap.yaml"), "metadata", "name"));
    }

    [Fact]
    public void Service_autoscaler_and_disruption_budget_target_the_deployment()
    {
        var app = Scalar(Load("deployment.yaml"), "spec", "selector", "matchLabels", "app");

        Scalar(Load("service.yaml"), "spec", "selector", "app").Should().Be(app);
        Scalar(Load("pdb.yaml"), "spec", "selector", "matchLabels", "app").Should().Be(app);
        Scalar(Load("hpa.yaml"), "spec", "scaleTargetRef", "name").Should().Be(Scalar(Load("deployment.yaml"), "metadata", "name"));
    }

    [Fact]
    public void Container_user_matches_the_images_non_root_user_id()
    {
        // The chiseled image's "app" user is uid 1654.
        Dockerfile.OfRepository.All("USER").Last().Should().Be("app");
        Scalar(Load("deployment.yaml"), "spec", "template", "spec", "securityContext", "runAsUser").Should().Be("1654");
    }
}
