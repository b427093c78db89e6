namespace MessagesApi.Tests.Fixtures;

/// <summary>What the end-to-end tests need from the machine. Locally a missing piece skips them with the reason;
/// under CI (CI=true) nothing is skipped, so a missing piece fails the run instead of hiding it.</summary>
public static class Prerequisites
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string ProviderDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "MessagesApi.Tests", "oidc");

    public static string? MissingForProvider() =>
        OnPath("node") is null ? "node is not installed (the tests start npm's oidc-provider)"
        : !Directory.Exists(Path.Combine(ProviderDirectory, "node_modules", "oidc-provider")) ? $"oidc-provider is not installed: run npm ci in {ProviderDirectory}"
        : !Directory.Exists(Path.Combine(ProviderDirectory, "node_modules", "oauth4webapi")) ? $"oauth4webapi is not installed: run npm ci in {ProviderDirectory}"
        : null;

    public static string? MissingForDifferential() =>
        OnPath("node") is null ? "node is not installed (the differential test runs npm's jose)"
        : !Directory.Exists(Path.Combine(DifferentialCorpus.Directory, "node_modules", "jose")) ? $"jose is not installed: run npm ci in {DifferentialCorpus.Directory}"
        : null;

    public const string NginxPath = "/usr/sbin/nginx";

    public static string? MissingForReverseProxy() =>
        MissingForProvider() ?? (File.Exists(NginxPath) ? null : $"nginx is not installed at {NginxPath} (apt-get install nginx-light)");

    public const string CurlPath = "/usr/bin/curl";

    public static string? MissingForCertificateClients() =>
        MissingForReverseProxy() ?? (File.Exists(CurlPath) ? null : $"curl is not installed at {CurlPath} (apt-get install curl)");

    public const string ChromiumPath = "/usr/bin/chromium";

    public static string? MissingForBrowser() =>
        File.Exists(ChromiumPath) ? null : $"Chromium is not installed at {ChromiumPath} (apt-get install chromium)";

    public const string RedisServerPath = "/usr/bin/redis-server";

    public static string? MissingForRedis() =>
        File.Exists(RedisServerPath) ? null : $"redis-server is not installed at {RedisServerPath} (apt-get install redis-server)";

    public static string? MissingForProviderAndRedis() => MissingForProvider() ?? MissingForRedis();

    /// <summary>What the Dockerfile's build stage installs (the Native AOT toolchain) that this machine lacks.</summary>
    public static string? MissingForDockerBuild() =>
        Dockerfile.OfRepository.AptPackagesOf("build").Where(package => !IsInstalled(package)).ToArray() is { Length: > 0 } missing
            ? $"the Dockerfile's build stage needs {string.Join(", ", missing)} (apt-get install {string.Join(' ', missing)})"
            : null;

    public static bool IsInstalled(string debianPackage)
    {
        using var dpkg = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dpkg", ["-s", debianPackage])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (dpkg is null)
            return false;
        dpkg.StandardOutput.ReadToEnd();
        dpkg.StandardError.ReadToEnd();
        dpkg.WaitForExit();
        return dpkg.ExitCode == 0;
    }

    public static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs node and the npm packages in oidc/ (oidc-provider, oauth4webapi).</summary>
public sealed class ProviderFactAttribute : FactAttribute
{
    public ProviderFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForProvider() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs node and npm's jose in differential/.</summary>
public sealed class DifferentialFactAttribute : FactAttribute
{
    public DifferentialFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForDifferential() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs Debian's nginx in front of the API, and node with the npm packages in oidc/.</summary>
public sealed class ReverseProxyFactAttribute : FactAttribute
{
    public ReverseProxyFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForReverseProxy() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs curl presenting client certificates, Debian's nginx, and node with the npm packages in oidc/.</summary>
public sealed class CertificateClientFactAttribute : FactAttribute
{
    public CertificateClientFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForCertificateClients() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs Debian's Chromium.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForBrowser() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs Debian's redis-server.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForRedis() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs Debian's redis-server, and node with the npm packages in oidc/.</summary>
public sealed class ProviderAndRedisFactAttribute : FactAttribute
{
    public ProviderAndRedisFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForProviderAndRedis() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that replays the Dockerfile's build stage, which needs the packages it installs.</summary>
public sealed class DockerBuildFactAttribute : FactAttribute
{
    public DockerBuildFactAttribute()
    {
        if (!Prerequisites.InCi && Prerequisites.MissingForDockerBuild() is { } reason)
            Skip = reason;
    }
}
