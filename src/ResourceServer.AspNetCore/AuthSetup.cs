using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Introspection;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Observability;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Rejections;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore;

internal static class AuthSetup
{
    /// <summary>JwtBearer trusting the issuers in AUTH0_DOMAIN for tokens meant for AUTH0_AUDIENCE.</summary>
    public static WebApplicationBuilder AddAuth0JwtBearer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        Auth0Options.Of(builder);
        services.AddHttpClient(IssuerKeyStore.BackchannelName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<Auth0Options>>().Value.BackchannelTimeout);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthMetrics>();
        services.BindOnce<RejectionLogOptions, RejectionLogOptionsValidator>(
            () => builder.Configuration.GetSection(RejectionLogOptions.Section).Get<RejectionLogOptions>() ?? new RejectionLogOptions());
        services.AddSingleton<RejectionLog>();
        services.AddSingleton<IssuerKeyStore>();
        services.AddHostedService<SigningKeyRefresher>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<RejectedTokenCache>();
        services.AddSingleton<AccessTokenRules>();
        services.AddSingleton<AccessTokenHandler>();
        services.AddSingleton<BearerChallenge>();
        services.AddSingleton<TokenExplainer>();
        services.AddDpop(builder.Configuration);
        services.AddCertificateBinding(builder.Configuration);
        services.AddIntrospection(builder.Configuration);
        services.AddPermissionChecks();
        services.AddHealthChecks().AddCheck<SigningKeysHealthCheck>("signing-keys", tags: [HealthTags.Ready]);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<Auth0Options>, IssuerKeyStore, AccessTokenHandler>((jwt, auth0, keys, handler) =>
            {
                var options = auth0.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(handler);
                jwt.EventsType = typeof(BearerChallenge);
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerValidator = keys.ValidateIssuer,
                    ValidAudience = options.Audience,
                    // With Auth0:AudienceClaim=client_id, AccessTokenHandler checks client_id instead.
                    ValidateAudience = options.AudienceClaim == AudienceClaims.Aud,
                    // Exact, as RFC 7519 compares: IdentityModel would otherwise take "https://api/" for "https://api".
                    IgnoreTrailingSlashWhenValidatingAudience = false,
                    ValidAlgorithms = options.Algorithms,
                    ClockSkew = options.ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    IssuerSigningKeyResolver = keys.ResolveSigningKeys,
                    TryAllIssuerSigningKeys = false,
                    // Expired, early, wrong-issuer and wrong-audience tokens are refused without a signature check: they
                    // cost no crypto, so they are never charged to a client's failure budget.
                    ValidateSignatureLast = true,
                    NameClaimType = TokenClaims.Subject,
                };
            });
        return builder;
    }
}
