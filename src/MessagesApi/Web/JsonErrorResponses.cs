using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using ResourceServer.AspNetCore.Rejections;

namespace MessagesApi.Web;

/// <summary>JSON bodies for the errors the framework produces: unknown paths, wrong methods, requests the server
/// cannot read, unhandled exceptions.</summary>
internal static class JsonErrorResponses
{
    public static WebApplication UseJsonErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // What the server throws for a request it cannot read (a query value the binder refuses, a body over the
            // limit) is the client's error: it keeps its 4xx and is not logged as a fault of ours.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
            // The middleware logs any other exception; the client learns nothing about it.
            ExceptionHandler = WriteError,
        });
        app.UseStatusCodePages(WriteStatusMessage);
        return app;
    }

    private static Task WriteError(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new ErrorMessage(context.Response.StatusCode >= StatusCodes.Status500InternalServerError
            ? "Internal Server Error."
            : ReasonPhrases.GetReasonPhrase(context.Response.StatusCode)), ErrorBodyJson.Default.ErrorMessage);

    private static Task WriteStatusMessage(StatusCodeContext context) =>
        context.HttpContext.Response.WriteAsJsonAsync(
            new ErrorMessage(ReasonPhrases.GetReasonPhrase(context.HttpContext.Response.StatusCode)), ErrorBodyJson.Default.ErrorMessage);
}
