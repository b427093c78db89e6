using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MessagesApi.Auth;

namespace MessagesApi.OpenApi;

/// <summary>The document's security schemes: Bearer (a JWT pasted into Swagger UI) and, when <paramref name="oauthIssuer"/>
/// is given, the authorization-code + PKCE flow against that issuer.</summary>
internal sealed class SecuritySchemesTransformer(string? oauthIssuer) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SwaggerSetup.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token issued for this API (paste the token only, without 'Bearer ').",
        };
        if (oauthIssuer is not null)
            document.Components.SecuritySchemes[SwaggerSetup.OAuthScheme] = AuthorizationCodeScheme(oauthIssuer);
        return Task.CompletedTask;
    }

    // Auth0's endpoint paths.
    private static OpenApiSecurityScheme AuthorizationCodeScheme(string issuer) => new()
    {
        Type = SecuritySchemeType.OAuth2,
        Flows = new OpenApiOAuthFlows
        {
            AuthorizationCode = new OpenApiOAuthFlow
            {
                AuthorizationUrl = new Uri(Auth0Options.UnderIssuer(issuer, "/authorize")),
                TokenUrl = new Uri(Auth0Options.UnderIssuer(issuer, "/oauth/token")),
                Scopes = Permissions.All.ToDictionary(p => p, p => $"the {p} permission"),
            },
        },
    };
}
