using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ResourceServer.AspNetCore;

namespace MessagesApi.OpenApi;

internal static class SwaggerSetup
{
    public const string UiPath = "/swagger";
    public const string BearerScheme = "Bearer";
    public const string OAuthScheme = "OAuth2";
    private const string DocumentName = "v1";
    private const string DocumentPath = $"{UiPath}/{DocumentName}/swagger.json";

    /// <summary>An OpenAPI document derived from the endpoints' metadata, with a Bearer (JWT) scheme on the endpoints
    /// that require authorization and, when a client id is configured, the authorization-code + PKCE flow.</summary>
    public static WebApplicationBuilder AddSwagger(this WebApplicationBuilder builder)
    {
        var settings = builder.Services.BindOnce(() => builder.Configuration.GetSection(SwaggerOptions.Section).Get<SwaggerOptions>() ?? new SwaggerOptions());
        // Numbers are written as numbers either way; the Web default that also reads them from strings made the document
        // describe every integer as "integer or string". The API reads no JSON bodies.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // The version Swashbuckle served: what generates clients from the document reads what it read before.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer(Describe);
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer<HealthPathsTransformer>();
            options.AddOperationTransformer(new AuthorizationOperationTransformer(settings.OffersOAuth));
            options.AddOperationTransformer(new ExplainerOperationTransformer(settings.OffersOAuth));
            options.AddOperationTransformer<ResponseDescriptionsTransformer>();
        });
        return builder;
    }

    /// <summary>An operation's alternatives for sending a token: Bearer, and the OAuth2 flow when it is offered, each
    /// with <paramref name="scopes"/>.</summary>
    public static List<OpenApiSecurityRequirement> TokenRequirements(OpenApiDocument? document, List<string> scopes, bool offerOAuth)
    {
        List<OpenApiSecurityRequirement> requirements = [new() { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = scopes }];
        if (offerOAuth)
            requirements.Add(new() { [new OpenApiSecuritySchemeReference(OAuthScheme, document)] = scopes });
        return requirements;
    }

    public static WebApplication UseSwaggerUiWhenEnabled(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<SwaggerOptions>>().Value;
        if (!app.Environment.IsDevelopment() && !settings.Enabled)
            return app;
        app.MapOpenApi($"{UiPath}/{{documentName}}/swagger.json");
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint(DocumentPath, "MessagesApi v1");
            ui.DocumentTitle = "MessagesApi";
            if (settings.OffersOAuth)
            {
                ui.OAuthClientId(settings.OAuthClientId);
                ui.OAuthUsePkce();
                // As bound: this runs before RunOrExplain validates the Auth0 options, which would throw here.
                var auth0 = app.Services.BoundOnce<Auth0Options>();
                if (AudienceParameters.For(settings.OAuthAudienceParameter, auth0.Issuers.FirstOrDefault(), auth0.Audience) is { } parameter)
                    ui.OAuthAdditionalQueryStringParams(new Dictionary<string, string> { [parameter.Key] = parameter.Value });
            }
        });
        return app;
    }

    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MessagesApi",
            Version = DocumentName,
            Description = "The API of Auth0's Hello World samples. Authorize with an access token; in Development, get one from GET /dev/token. "
                + "Swagger UI sends Bearer tokens only: it cannot sign the per-request proof a DPoP-bound token needs (RFC 9449), "
                + "so try DPoP with curl and the dpop-proof command, or a DPoP client (README, \"DPoP\").",
        };
        // No server URL built from the request: behind a proxy it can name a scheme or host the browser cannot reach,
        // while Swagger UI without one calls the origin it was loaded from.
        document.Servers = [];
        return Task.CompletedTask;
    }
}
