using System.Text.Json.Serialization;

namespace MessagesApi.Web;

// The error bodies the Auth0 sample clients read: "message" is the field they show.

internal sealed record ErrorMessage(string Message);

internal sealed record BearerError(
    string Message,
    string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

internal sealed record PermissionError(
    string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    string Message);
