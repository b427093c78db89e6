using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace MessagesApi.Web;

/// <summary>JSON bodies for the errors the framework produces: unknown paths, wrong methods, unhandled exceptions.</summary>
internal static class JsonErrorResponses
{
    public static WebApplication UseJsonErrorResponses(this WebApplication app)
    {
        // The middleware logs the exception; the client learns nothing about it.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteInternalServerError });
        app.UseStatusCodePages(WriteStatusMessage);
        return app;
    }

    private static Task WriteInternalServerError(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new ErrorMessage("Internal Server Error."));

    private static Task WriteStatusMessage(StatusCodeContext context) =>
        context.HttpContext.Response.WriteAsJsonAsync(new ErrorMessage(ReasonPhrases.GetReasonPhrase(context.HttpContext.Response.StatusCode)));
}
