using Microsoft.AspNetCore.Http.HttpResults;
using ResourceServer.AspNetCore;

namespace MessagesApi.Messages;

internal static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/messages").WithTags("Messages");

        messages.MapGet("/public", GetPublic)
            .WithName(nameof(GetPublic))
            .WithSummary("A message for anyone.");

        messages.MapGet("/protected", GetProtected)
            .WithName(nameof(GetProtected))
            .WithSummary("A message for any valid access token.")
            .RequireAccessToken();

        messages.MapGet("/admin", GetAdmin)
            .WithName(nameof(GetAdmin))
            .WithSummary($"A message for tokens with the {Permissions.ReadAdminMessages} permission.")
            .RequirePermission(Permissions.ReadAdminMessages);

        return app;
    }

    internal static Ok<Message> GetPublic() => TypedResults.Ok(new Message("This is a public message."));

    internal static Ok<Message> GetProtected() => TypedResults.Ok(new Message("This is a protected message."));

    internal static Ok<Message> GetAdmin() => TypedResults.Ok(new Message("This is an admin message."));
}
