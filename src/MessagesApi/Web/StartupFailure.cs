using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal static class StartupFailure
{
    /// <summary>Runs the app. Settings that fail validation end it before the host starts, with exit code 1 and one
    /// line naming each bad setting, instead of the host's stack trace.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"MessagesApi cannot start: {string.Join(" ", e.Failures)}");
            return 1;
        }
        app.Run();
        return 0;
    }
}
