using System.Net;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Endpoints;

/// <summary>The development endpoints (/dev/token, /dev/explain) answer only clients on this machine, whatever Kestrel
/// listens on: /dev/token mints tokens this API accepts, /dev/explain tells anyone how its checks are set up, and
/// <c>Kestrel:Endpoints</c> or <c>ASPNETCORE_URLS</c> can put them on every interface.</summary>
internal static class LoopbackOnly
{
    private static readonly IResult Refusal = TypedResults.Json(
        new ErrorMessage("The development endpoints answer only clients on this machine (loopback)."), ErrorBodyJson.Default.ErrorMessage,
        statusCode: StatusCodes.Status403Forbidden);

    public static TBuilder AnswerLoopbackClientsOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
                IsOnThisMachine(context.HttpContext.Connection.RemoteIpAddress) ? next(context) : ValueTask.FromResult<object?>(Refusal))
            .Answers(StatusCodes.Status403Forbidden, typeof(ErrorMessage), "The client is not on this machine (loopback).");

    // No address: a Unix socket or the in-process test server, both on this machine.
    private static bool IsOnThisMachine(IPAddress? client) =>
        client is null || IPAddress.IsLoopback(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client);
}
