namespace MessagesApi.Web;

/// <summary>`dotnet run` starts Development through the launch profile, yet an environment the user names wins. The
/// profile cannot set ASPNETCORE_ENVIRONMENT (it would replace the user's own) nor DOTNET_ENVIRONMENT (WebApplication
/// reads it after ASPNETCORE_ENVIRONMENT, so it would win), so it sets <see cref="Variable"/>, which applies only when
/// none of the host's own settings names an environment.</summary>
internal static class LaunchProfileEnvironment
{
    public const string Variable = "MESSAGESAPI_DEFAULT_ENVIRONMENT";

    /// <summary>The launch profile's environment when ASPNETCORE_ENVIRONMENT, DOTNET_ENVIRONMENT and --environment are
    /// all unset, read as the host reads them; null otherwise, and the host decides.</summary>
    public static string? WhenNoneNamed(string[] args)
    {
        var named = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args)
            .Build()[HostDefaults.EnvironmentKey];
        return string.IsNullOrEmpty(named) ? Environment.GetEnvironmentVariable(Variable) : null;
    }
}
