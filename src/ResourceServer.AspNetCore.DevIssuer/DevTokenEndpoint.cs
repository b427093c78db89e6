using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Rejections;
using ResourceServer.AspNetCore.Endpoints;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>/dev/token mints a development token: GET takes the parameters in the query, POST in a form as a token
/// endpoint does. With a DPoP proof (RFC 9449 §5) the token is bound to the proof's key and is of type DPoP; a proof
/// that does not fit the request is refused with 400 <c>invalid_dpop_proof</c>. Without one, from a client presenting a TLS
/// certificate where certificate-bound tokens are accepted, the token is bound to that certificate (RFC 8705 §3).</summary>
internal static class DevTokenEndpoint
{
    private const string Summary = "Mints a development access token; with a DPoP proof header, one bound to the proof's key; from a client "
        + "presenting a TLS certificate where Auth0:CertificateBinding:Enabled, one bound to that certificate (Development only).";

    public static RouteGroupBuilder MapDevToken(this RouteGroupBuilder dev)
    {
        dev.MapGet("/token", Get).WithSummary(Summary).AnswersRefusals();
        dev.MapPost("/token", Post).WithSummary(Summary + " Parameters as an application/x-www-form-urlencoded form.").AnswersRefusals();
        return dev;
    }

    // The return type names two 400 bodies, of which the document would keep one.
    private static RouteHandlerBuilder AnswersRefusals(this RouteHandlerBuilder token) => token
        .Answers(StatusCodes.Status400BadRequest, typeof(RefusalBody),
            "A parameter refused: only message, which says what to send. A DPoP proof refused: message \"Bad DPoP proof\" with error "
            + "invalid_dpop_proof and error_description.")
        .Answers(StatusCodes.Status429TooManyRequests, typeof(ErrorMessage),
            "The DPoP proof's key is over its share of the replay store: retry after the Retry-After header's seconds.")
        .Answers(StatusCodes.Status503ServiceUnavailable, typeof(ErrorMessage),
            "The DPoP proof could not be checked for replay (the replay store does not answer).");

    internal static Task<Results<Ok<DevToken>, BadRequest<ErrorMessage>, BadRequest<BearerError>, JsonHttpResult<ErrorMessage>>> Get(
        HttpRequest request,
        DevTokenMinter minter,
        DpopProofValidator proofs,
        CertificateBinding certificates,
        // Named here so the OpenAPI document (and Swagger UI's try-it-out) lists them; read from the query below. The
        // default makes the array optional in the document under the request delegate generator (AOT) too, which reads
        // string[]? as required (dotnet/aspnetcore#65344).
        [FromQuery(Name = DevTokenParameters.Permission)] string[]? permission = null,
        [FromQuery(Name = DevTokenParameters.Subject)] string? sub = null,
        // Read as text: bound as a number, "abc" or 99999999999 would get the binder's bare 400, which names nothing.
        [FromQuery(Name = DevTokenParameters.Lifetime)] string? lifetime = null) =>
        MintAsync(request, request.Query, minter, proofs, certificates);

    internal static async Task<Results<Ok<DevToken>, BadRequest<ErrorMessage>, BadRequest<BearerError>, JsonHttpResult<ErrorMessage>>> Post(
        HttpRequest request, DevTokenMinter minter, DpopProofValidator proofs, CertificateBinding certificates)
    {
        if (request.ContentType is not null && !request.HasFormContentType)
            return TypedResults.BadRequest(new ErrorMessage("Send the parameters as a form (application/x-www-form-urlencoded)."));
        IFormCollection form;
        try
        {
            form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
        }
        // A malformed form: InvalidDataException, or an IOException from a multipart body cut short. A body too large
        // (BadHttpRequestException, an IOException too) keeps its 413.
        catch (Exception malformed) when (malformed is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return TypedResults.BadRequest(new ErrorMessage("The form could not be read."));
        }
        var parameters = request.Query.Concat(form).GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.Value).Aggregate((all, next) => StringValues.Concat(all, next)), StringComparer.Ordinal);
        return await MintAsync(request, new QueryCollection(parameters), minter, proofs, certificates);
    }

    private static async Task<Results<Ok<DevToken>, BadRequest<ErrorMessage>, BadRequest<BearerError>, JsonHttpResult<ErrorMessage>>> MintAsync(
        HttpRequest request, IQueryCollection given, DevTokenMinter minter, DpopProofValidator proofs, CertificateBinding certificates)
    {
        if (DevTokenParameters.Refusal(given.Keys) is { } unknown)
            return TypedResults.BadRequest(new ErrorMessage(unknown));
        if (!DevTokenParameters.TryReadLifetime(Last(given, DevTokenParameters.Lifetime), out var duration))
            return TypedResults.BadRequest(new ErrorMessage(DevTokenParameters.LifetimeRule));
        string? thumbprint = null;
        if (request.Headers.ContainsKey(DpopProofValidator.HeaderName))
        {
            DpopProofCheck proof;
            try
            {
                proof = await proofs.ValidateTokenRequestAsync(request);
            }
            catch (DpopReplayCacheUnavailableException unavailable)
            {
                return TypedResults.Json(new ErrorMessage(unavailable.Message), ErrorBodyJson.Default.ErrorMessage, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (DpopKeyOverShareException overShare)
            {
                request.HttpContext.Response.Headers.RetryAfter = overShare.RetryAfterSeconds;
                return TypedResults.Json(new ErrorMessage(overShare.Message), ErrorBodyJson.Default.ErrorMessage, statusCode: StatusCodes.Status429TooManyRequests);
            }
            if (proof.Refusal is { } refusal)
                return TypedResults.BadRequest(new BearerError("Bad DPoP proof", refusal.Error, refusal.Message));
            thumbprint = proof.Thumbprint;
        }
        var permissions = given[DevTokenParameters.Permission].OfType<string>().ToArray();
        var certificate = thumbprint is null ? certificates.PresentedForBinding(request.HttpContext) : null;
        return TypedResults.Ok(minter.Mint(permissions, Last(given, DevTokenParameters.Subject), duration, thumbprint, certificate));
    }

    private static string? Last(IQueryCollection given, string name) => given[name].LastOrDefault();
}
