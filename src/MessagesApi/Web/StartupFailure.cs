using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal static class StartupFailure
{
    /// <summary>Runs the app; a setting that fails validation ends it with exit code 1 and one line per problem,
    /// not a stack trace.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
                Console.Error.WriteLine($"MessagesApi cannot start: {failure}");
            return 1;
        }
    }
}
