using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal static class StartupFailure
{
    /// <summary>Runs the app. Settings that fail validation end it before the host starts, with exit code 1 and one
    /// line naming each bad setting, instead of the host's stack trace; a failed background service ends it with 1 too.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            return Refuse(string.Join(" ", e.Failures));
        }
        // The configuration binder's refusal of a value that does not parse; its message names the key and the value.
        catch (InvalidOperationException e) when (e.InnerException is FormatException or ArgumentException)
        {
            return Refuse(e.Message);
        }
        using (app)
        {
            app.Start();
            app.WaitForShutdown();
            return BackgroundServiceFailure.ExitCode(app.Services, app.Logger);
        }
    }

    private static int Refuse(string reasons)
    {
        Console.Error.WriteLine($"MessagesApi cannot start: {reasons}");
        return 1;
    }
}
