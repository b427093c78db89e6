using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using MessagesApi.Observability;
using MessagesApi.Web;

namespace MessagesApi.Auth;

/// <summary>Writes the 401 of the Auth0 samples (<c>message</c> body) with RFC 6750 and RFC 9728 headers on top,
/// counts each rejection, and logs it once, without the token, as far as the <see cref="RejectionLog"/> allows.</summary>
internal sealed class BearerChallenge(
    ILogger<BearerChallenge> logger, AuthMetrics metrics, RejectionLog rejectionLog, IOptions<ProtectedResourceOptions> resource)
    : JwtBearerEvents
{
    private const string MissingToken = "missing_token";

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.AuthenticateFailure is null)
        {
            if (rejectionLog.ShouldWrite(logger, LogLevel.Information, MissingToken))
                logger.LogInformation("401 for {Path}: no bearer token.", context.Request.Path);
            metrics.AuthenticationFailed(MissingToken);
            response.Headers.WWWAuthenticate = resource.Value.WithResourceMetadata("Bearer");
            await response.WriteAsJsonAsync(new ErrorMessage("Requires authentication"));
            return;
        }

        var rejection = TokenRejection.From(context.AuthenticateFailure);
        // JwtBearer logs what the token handler throws only at Information, in a category Production filters out: an
        // unexpected exception is seen here, at Error with its stack trace.
        var level = rejection.Unexpected ? LogLevel.Error : LogLevel.Information;
        if (rejectionLog.ShouldWrite(logger, level, rejection.Reason))
        {
            var peek = UntrustedTokenPeek.From(context.Request);
            logger.Log(level, rejection.Unexpected ? context.AuthenticateFailure : null,
                "401 for {Path}: {Reason}. kid={KeyId} iss={Issuer} sub={Subject}",
                context.Request.Path, rejection.Reason, peek.KeyId, peek.Issuer, peek.Subject);
            // The validator's own words cost nothing; the check-by-check TokenExplainer would verify the signature again.
            // Written with the line it explains, so Debug in Production cannot flood either.
            logger.LogDebug("Why: {Detail}", context.AuthenticateFailure.Message);
        }
        metrics.AuthenticationFailed(rejection.Reason);
        response.Headers.WWWAuthenticate =
            resource.Value.WithResourceMetadata($"Bearer error=\"invalid_token\", error_description=\"{rejection.Description}\"");
        await response.WriteAsJsonAsync(new BearerError("Bad credentials", "invalid_token", rejection.Description));
    }
}
