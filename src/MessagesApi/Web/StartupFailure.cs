using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;

namespace MessagesApi.Web;

/// <summary>Every way the API can fail to start ends the process with exit code 1 and one line on stderr, never the
/// host's stack trace: settings that fail validation (all of them, in that line), a value that does not parse, a port
/// another process listens on, Kestrel unable to listen, a hosted service failing to start.</summary>
internal static class StartupFailure
{
    /// <summary>Settings read while the app is built (PORT and the shutdown times, Kestrel:Limits, Auth0:Dpop, Swagger:*,
    /// DevIssuer:*, Observability:*) are bound there, once (see <see cref="SettingsBoundOnce"/>), so a value that does not parse
    /// throws from Program's top level, before <see cref="RunOrExplain"/>: only this handler sees it.
    /// Any other unhandled exception is a fault, and keeps its stack trace.</summary>
    public static void RefuseUnparsableSettings() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception exception && SettingsRefusal(exception) is { } reasons)
                Environment.Exit(Refuse(reasons));
        };

    /// <summary>Runs the app, refusing as above whatever stops it from starting; a failed background service ends it with
    /// 1 too (<see cref="BackgroundServiceFailure"/>).</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (SettingsRefusal(e) is { } reasons)
        {
            return Refuse(reasons);
        }
        using (app)
        {
            try
            {
                app.Start();
            }
            catch (Exception e)
            {
                // The host logged nothing (appsettings.json quiets it below Critical); the trace is here for a fault.
                app.Logger.LogDebug(e, "MessagesApi could not start.");
                return Refuse(StartRefusal(e, app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.Port));
            }
            app.WaitForShutdown();
            return BackgroundServiceFailure.ExitCode(app.Services, app.Logger);
        }
    }

    /// <summary>Null unless the exception refuses settings: the failures of every options validation that failed, or the
    /// configuration binder's refusal of a value that does not parse, whose message names the key and the value.</summary>
    private static string? SettingsRefusal(Exception exception) => exception switch
    {
        OptionsValidationException refused => string.Join(" ", refused.Failures),
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            string.Join(" ", inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        InvalidOperationException { InnerException: FormatException or ArgumentException } => exception.Message,
        _ => null,
    };

    /// <summary>Kestrel reports an address in use as an IOException naming the address (PORT's, or one under
    /// Kestrel:Endpoints), and any other refusal to listen as the socket's own exception.</summary>
    private static string StartRefusal(Exception exception, int port) => exception switch
    {
        IOException { InnerException: AddressInUseException } when exception.Message.Contains($":{port}:", StringComparison.Ordinal) =>
            $"PORT is {port}, and another process already listens on it. Stop that process, or set PORT to a free port.",
        IOException { InnerException: AddressInUseException } => exception.Message,
        SocketException => $"Kestrel cannot listen (PORT is {port}): {exception.Message}",
        _ => $"{exception.GetType().Name} while starting: {exception.Message} (Logging__LogLevel__MessagesApi=Debug logs its stack trace)",
    };

    private static int Refuse(string reasons)
    {
        // Some framework messages span lines (Kestrel's HTTPS one); the refusal stays one line.
        Console.Error.WriteLine($"MessagesApi cannot start: {string.Join(' ', reasons.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))}");
        return 1;
    }
}
