using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ResourceServer.AspNetCore.Observability;
using ResourceServer.AspNetCore.Tokens;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Clients;

/// <summary>Before authentication: a client over its <see cref="FailureBudget"/> that presents a token not already
/// validated is held, then answered 429, without its token being looked at. After: a token refused at the cost of a
/// signature check is charged to its client.</summary>
internal sealed class FailureBudgetMiddleware(
    RequestDelegate next, FailureBudget budget, ValidatedTokenCache validated, IOptions<FailureBudgetOptions> options, AuthMetrics metrics, TimeProvider time)
{
    private readonly FailureBudgetOptions _options = options.Value;
    private int _held;

    public async Task InvokeAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = AuthorizationHeader.TokenFrom(authorization);
        // Without an address (a Unix socket, the in-process test server) there is no one to hold to account, and a
        // budget shared by everyone there would let one bad client throttle the rest.
        if (token.Length == 0 || context.Connection.RemoteIpAddress is not { } address)
        {
            await next(context);
            return;
        }
        var client = ClientKey.From(address);
        // Under DPoP the proof, checked on every request, is the cost: a cached token does not exempt it.
        if (budget.IsExhausted(client, out _) && (AuthorizationHeader.IsScheme(authorization, AuthorizationHeader.Dpop) || !validated.Holds(token)))
        {
            await ThrottleAsync(context, client);
            return;
        }
        await next(context);
        if (context.User.Identity?.IsAuthenticated != true && await FailedTokenAsync(context))
            budget.Charge(client);
    }

    /// <summary>Whether the request's token was refused in a way <see cref="TokenRejection.Charged"/> charges. The
    /// handler keeps its result for the request, so asking again verifies nothing.</summary>
    private static async Task<bool> FailedTokenAsync(HttpContext context) =>
        (await context.AuthenticateAsync()).Failure is { } failure
        && TokenRejection.From(failure).Charged;

    private async Task ThrottleAsync(HttpContext context, ClientKey client)
    {
        if (Interlocked.Increment(ref _held) > _options.MaxHeldRequests)
        {
            Interlocked.Decrement(ref _held);
            metrics.ClientThrottled("refused");
            // A fresh connection costs the client a handshake; a kept one would let it resend at once.
            context.Response.Headers.Connection = "close";
            await WriteTooManyRequestsAsync(context, client);
            return;
        }
        try
        {
            metrics.ClientThrottled("held");
            await Task.Delay(_options.HoldTime, time, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
        await WriteTooManyRequestsAsync(context, client);
    }

    private Task WriteTooManyRequestsAsync(HttpContext context, ClientKey client)
    {
        budget.IsExhausted(client, out var retryAfter);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return context.Response.WriteAsJsonAsync(new ErrorMessage("Too Many Requests"), ErrorBodyJson.Default.ErrorMessage);
    }
}
