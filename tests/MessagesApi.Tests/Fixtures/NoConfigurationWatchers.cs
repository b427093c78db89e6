using System.Runtime.CompilerServices;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Every API the tests start, in-process or as a process (which inherits the variable), reads appsettings.json
/// once instead of watching it: each watcher is an inotify instance, 128 per user on Debian, and a full run beside other
/// test runs on a busy machine ran out of them.</summary>
internal static class NoConfigurationWatchers
{
    [ModuleInitializer]
    internal static void ReadSettingsOnce() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
