using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using MessagesApi.Auth;

namespace MessagesApi.OpenApi;

internal static class SwaggerSetup
{
    public const string UiPath = "/swagger";
    public const string BearerScheme = "Bearer";
    public const string OAuthScheme = "OAuth2";

    /// <summary>An OpenAPI document derived from the endpoints' metadata, with a Bearer (JWT) scheme on the endpoints
    /// that require authorization and, when a client id is configured, the authorization-code + PKCE flow.</summary>
    public static WebApplicationBuilder AddSwagger(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SwaggerOptions.Section).Get<SwaggerOptions>() ?? new SwaggerOptions();
        builder.Services.Configure<SwaggerOptions>(builder.Configuration.GetSection(SwaggerOptions.Section));
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MessagesApi",
                Version = "v1",
                Description = "The API of Auth0's Hello World samples. Authorize with an access token; in Development, get one from GET /dev/token. "
                    + "Swagger UI sends Bearer tokens only: it cannot sign the per-request proof a DPoP-bound token needs (RFC 9449), "
                    + "so try DPoP with curl and the dpop-proof command, or a DPoP client (README, \"DPoP\").",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token issued for this API (paste the token only, without 'Bearer ').",
            });
            if (settings.OAuthClientId is not null)
                options.AddSecurityDefinition(OAuthScheme, OAuthSchemeFor(builder.Configuration));
            options.OperationFilter<AuthorizationOperationFilter>(settings.OAuthClientId is not null);
        });
        return builder;
    }

    public static WebApplication UseSwaggerUiWhenEnabled(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<SwaggerOptions>>().Value;
        if (!app.Environment.IsDevelopment() && !settings.Enabled)
            return app;
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "MessagesApi v1");
            ui.DocumentTitle = "MessagesApi";
            if (settings.OAuthClientId is { } clientId)
            {
                ui.OAuthClientId(clientId);
                ui.OAuthUsePkce();
                ui.OAuthAdditionalQueryStringParams(new Dictionary<string, string>
                {
                    // From configuration: this runs before RunOrExplain validates the Auth0 options, which would throw here.
                    ["audience"] = Auth0Options.AudienceFrom(app.Configuration) ?? "",
                });
            }
        });
        return app;
    }

    private static OpenApiSecurityScheme OAuthSchemeFor(IConfiguration configuration)
    {
        // Auth0's endpoint paths; the issuer is the first one configured.
        var issuer = Auth0Options.ParseIssuers(configuration["AUTH0_DOMAIN"]).FirstOrDefault() ?? "https://example.auth0.com/";
        return new OpenApiSecurityScheme
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
}
