using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Permissions;

namespace MessagesApi.OpenApi;

/// <summary>The document's security schemes: Bearer (a JWT pasted into Swagger UI) and, when a client id is configured,
/// the authorization-code + PKCE flow at the endpoints the first issuer's discovery document names. The document is
/// built per request, so a flow left out while that document could not be read appears once it has been.</summary>
internal sealed class SecuritySchemesTransformer(IOptions<SwaggerOptions> swagger, IssuerKeyStore issuers)
    : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var bearer = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token issued for this API (paste the token only, without 'Bearer ').",
        };
        document.Components.SecuritySchemes[SwaggerSetup.BearerScheme] = bearer;
        if (!swagger.Value.OffersOAuth)
            return;
        var issuer = issuers.Issuers.First();
        if (await AuthorizationCodeEndpoints.OfAsync(issuer) is { } endpoints)
        {
            var permissions = await EndpointPermission.AllRequiredAsync(
                context.ApplicationServices.GetRequiredService<EndpointDataSource>(), context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>());
            document.Components.SecuritySchemes[SwaggerSetup.OAuthScheme] = AuthorizationCodeScheme(endpoints, permissions);
            return;
        }
        bearer.Description += " Swagger UI's OAuth login is not offered: " + (issuer.Discovery is null
            ? $"{issuer.WhyNoKeys} Reload this page once /readyz is ready."
            : $"the discovery document of {issuer.Issuer} names no authorization_endpoint and token_endpoint.");
        WithoutScheme(document, SwaggerSetup.OAuthScheme);
    }

    private static OpenApiSecurityScheme AuthorizationCodeScheme(AuthorizationCodeEndpoints endpoints, IEnumerable<string> permissions) => new()
    {
        Type = SecuritySchemeType.OAuth2,
        Flows = new OpenApiOAuthFlows
        {
            AuthorizationCode = new OpenApiOAuthFlow
            {
                AuthorizationUrl = endpoints.Authorization,
                TokenUrl = endpoints.Token,
                Scopes = permissions.ToDictionary(p => p, p => $"the {p} permission"),
            },
        },
    };

    /// <summary>Drops the operations' requirements of a scheme the document does not define.</summary>
    private static void WithoutScheme(OpenApiDocument document, string scheme)
    {
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            if (operation.Security is { } requirements)
                operation.Security = [.. requirements.Where(requirement => !requirement.Keys.Any(key => key.Reference.Id == scheme))];
        }
    }
}
