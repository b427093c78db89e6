using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using MessagesApi.Observability;
using MessagesApi.Web;

namespace MessagesApi.Auth;

/// <summary>Writes the 401 of the Auth0 samples (<c>message</c> body) with RFC 6750 and RFC 9728 headers on top,
/// and logs each rejection once, without the token.</summary>
internal sealed class BearerChallenge(ILogger<BearerChallenge> logger, AuthMetrics metrics, IOptions<ProtectedResourceOptions> resource)
    : JwtBearerEvents
{
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.AuthenticateFailure is null)
        {
            logger.LogInformation("401 for {Path}: no bearer token.", context.Request.Path);
            metrics.AuthenticationFailed("missing_token");
            response.Headers.WWWAuthenticate = resource.Value.WithResourceMetadata("Bearer");
            await response.WriteAsJsonAsync(new ErrorMessage("Requires authentication"));
            return;
        }

        var rejection = TokenRejection.From(context.AuthenticateFailure);
        var peek = UntrustedTokenPeek.From(context.Request);
        // JwtBearer logs what the token handler throws only at Information, in a category Production filters out: an
        // unexpected exception is seen here, at Error with its stack trace.
        logger.Log(
            rejection.Unexpected ? LogLevel.Error : LogLevel.Information,
            rejection.Unexpected ? context.AuthenticateFailure : null,
            "401 for {Path}: {Reason}. kid={KeyId} iss={Issuer} sub={Subject}",
            context.Request.Path, rejection.Reason, peek.KeyId, peek.Issuer, peek.Subject);
        metrics.AuthenticationFailed(rejection.Reason);
        // The validator's own words cost nothing; the check-by-check TokenExplainer would verify the signature again.
        logger.LogDebug("Why: {Detail}", context.AuthenticateFailure.Message);
        response.Headers.WWWAuthenticate =
            resource.Value.WithResourceMetadata($"Bearer error=\"invalid_token\", error_description=\"{rejection.Description}\"");
        await response.WriteAsJsonAsync(new BearerError("Bad credentials", "invalid_token", rejection.Description));
    }
}
