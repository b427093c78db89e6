using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>JwtBearer's events: DPoP's scheme, the token's binding to a DPoP key or a certificate (<see cref="TokenBinding"/>), and the 401 of the Auth0 samples
/// (<c>message</c> body) with RFC 6750, RFC 9449 and RFC 9728 headers on top; each rejection counted, and logged once,
/// without the token, as far as the <see cref="RejectionLog"/> allows.</summary>
internal sealed class BearerChallenge(
    ILogger<BearerChallenge> logger, AuthMetrics metrics, RejectionLog rejectionLog, DpopBinding dpop, TokenBinding binding, DpopNonces nonces,
    WwwAuthenticate challenges, IOptions<Auth0Options> options, IssuerKeyStore issuers)
    : JwtBearerEvents
{
    private const string MissingToken = "missing_token";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        dpop.ReadToken(context);
        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context) => binding.CheckAsync(context);

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
            response.Headers.WWWAuthenticate = challenges.For(null, null, usedDpop: false);
            await response.WriteAsJsonAsync(new ErrorMessage("Requires authentication"), ErrorBodyJson.Default.ErrorMessage);
            return;
        }

        var rejection = TokenRejection.From(context.AuthenticateFailure);
        if (rejection.Reason is TokenRejection.DpopReplayCacheUnavailable or TokenRejection.IntrospectionUnavailable)
        {
            await RefuseUncheckedAsync(context, rejection);
            return;
        }
        if (context.AuthenticateFailure is DpopKeyOverShareException overShare)
        {
            await RefuseKeyOverShareAsync(context, rejection, overShare);
            return;
        }
        // JwtBearer logs what the token handler throws only at Information, in a category Production filters out: an
        // unexpected exception is seen here, at Error with its stack trace.
        var level = rejection.Unexpected ? LogLevel.Error : LogLevel.Information;
        if (rejectionLog.ShouldWrite(logger, level, rejection.Reason))
        {
            var token = UntrustedTokenPeek.Read(context.Request);
            var peek = UntrustedTokenPeek.From(token);
            var exception = rejection.Unexpected ? context.AuthenticateFailure : null;
            if (ClaimMismatch.For(rejection.Reason, token, options.Value, issuers) is { } mismatch)
                logger.Log(level, exception, "401 for {Path}: {Reason}, expected {Claim} {Expected}, found {Found}. kid={KeyId} iss={Issuer} sub={Subject}",
                    context.Request.Path, rejection.Reason, mismatch.Claim, mismatch.Expected, mismatch.Found, peek.KeyId, peek.Issuer, peek.Subject);
            else
                logger.Log(level, exception, "401 for {Path}: {Reason}. kid={KeyId} iss={Issuer} sub={Subject}",
                    context.Request.Path, rejection.Reason, peek.KeyId, peek.Issuer, peek.Subject);
            // The validator's own words cost nothing; the check-by-check TokenExplainer would verify the signature again.
            // Written with the line it explains, so Debug in Production cannot flood either.
            logger.LogDebug("Why: {Detail}", context.AuthenticateFailure.Message);
        }
        metrics.AuthenticationFailed(rejection.Reason);
        response.Headers.WWWAuthenticate = challenges.For(rejection.Error, rejection.Description, DpopBinding.UsedDpop(context.HttpContext));
        if (rejection.Error == DpopProofException.UseNonce)
            response.Headers[DpopBinding.NonceHeader] = nonces.Current;
        await response.WriteAsJsonAsync(new BearerError("Bad credentials", rejection.Error, rejection.Description), ErrorBodyJson.Default.BearerError);
    }

    /// <summary>503, never a pass, and no 401 that would tell an honest client its token is bad: a proof that could not be
    /// checked for replay may be one used before, an opaque token its issuer could not be asked about may be revoked.</summary>
    private async Task RefuseUncheckedAsync(JwtBearerChallengeContext context, TokenRejection rejection)
    {
        if (rejectionLog.ShouldWrite(logger, LogLevel.Error, rejection.Reason))
            logger.LogError("503 for {Path}: {Detail}", context.Request.Path, context.AuthenticateFailure!.Message);
        metrics.AuthenticationFailed(rejection.Reason);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await context.Response.WriteAsJsonAsync(new ErrorMessage(rejection.Description), ErrorBodyJson.Default.ErrorMessage);
    }

    /// <summary>429 for this key alone, until its oldest remembered proofs are forgotten; every other key is served.</summary>
    private async Task RefuseKeyOverShareAsync(JwtBearerChallengeContext context, TokenRejection rejection, DpopKeyOverShareException overShare)
    {
        if (rejectionLog.ShouldWrite(logger, LogLevel.Information, rejection.Reason))
            logger.LogInformation("429 for {Path}: {Reason}, retry after {RetryAfter}.", context.Request.Path, rejection.Reason, overShare.RetryAfter);
        metrics.AuthenticationFailed(rejection.Reason);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = overShare.RetryAfterSeconds;
        await context.Response.WriteAsJsonAsync(new ErrorMessage(rejection.Description), ErrorBodyJson.Default.ErrorMessage);
    }
}
