using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.Rejections;

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

/// <summary>Describes, in the OpenAPI document, a refusal sent as an <see cref="ErrorMessage"/> or a <see cref="BearerError"/>:
/// <c>message</c> always, <c>error</c> and <c>error_description</c> when a token or DPoP proof was refused. Never sent itself.</summary>
internal sealed record RefusalBody(string Message)
{
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
