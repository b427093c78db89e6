using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Endpoints;

/// <summary>Responses the pipeline sends around an endpoint (a challenge, a throttle, a filter's refusal), which its
/// return type cannot declare, documented with the body they carry.</summary>
internal static class DocumentedResponses
{
    public static TBuilder Answers<TBuilder>(this TBuilder builder, int statusCode, Type body, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, body, ["application/json"]) { Description = description });

    /// <summary>What an endpoint that requires an access token answers when it refuses one (BearerChallenge, the
    /// failure budget).</summary>
    public static TBuilder AnswersTokenRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .Answers(StatusCodes.Status401Unauthorized, typeof(RefusalBody),
                "No access token: only message (\"Requires authentication\"). A refused token: message \"Bad credentials\" with "
                + "error and error_description (RFC 6750), as in the WWW-Authenticate header.")
            .Answers(StatusCodes.Status429TooManyRequests, typeof(ErrorMessage),
                "This client sent too many refused tokens (its failure budget), or its DPoP key is over its share of the replay "
                + "store: retry after the Retry-After header's seconds.")
            .Answers(StatusCodes.Status503ServiceUnavailable, typeof(ErrorMessage),
                "The DPoP proof could not be checked for replay (the replay store does not answer): retry after the Retry-After header's seconds.");
}
