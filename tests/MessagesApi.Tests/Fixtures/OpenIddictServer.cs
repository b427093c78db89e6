using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ResourceServer.AspNetCore.Keys;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MessagesApi.Tests.Fixtures;

/// <summary>OpenIddict 7, a .NET authorization server, in-process on a test server at <see cref="Issuer"/>, configured as
/// its documentation and samples configure one for an API that introspects: the client credentials grant, reference
/// (opaque) access tokens kept in an Entity Framework store, discovery, JWKS, introspection and revocation. The API
/// reaches it through its own issuers' backchannel (<see cref="Serve"/>); test clients get and revoke tokens at its
/// endpoints as any OAuth client would.</summary>
public sealed class OpenIddictServer : IAsyncDisposable
{
    public const string Issuer = "https://openiddict.test/";

    /// <summary>The API as OpenIddict knows it: the resource its scopes grant (so the <c>aud</c> of their tokens) and the
    /// confidential client it introspects as. OpenIddict answers an introspection request only for a caller that is the
    /// token's presenter or one of its audiences, and tells only an audience the token's scopes and other claims
    /// (RFC 7662 lets it choose); an API is no presenter, so its client_id is its audience, as in OpenIddict's samples.</summary>
    public const string Api = "messages-api";

    /// <summary>Has a space, a colon, a slash and a plus, which client_secret_basic form-encodes (RFC 6749 §2.3.1) and
    /// OpenIddict decodes: the API's encoding must be the one a real server expects.</summary>
    public const string ApiSecret = "introspection s3cret: a/b+c";

    /// <summary>Grants access to the API, without permissions.</summary>
    public const string MessagesScope = "messages";

    /// <summary>A scope named as the admin endpoint's permission, for the API to read from the answer's <c>scope</c>.</summary>
    public const string AdminScope = "read:admin-messages";

    /// <summary>Grants access to another API of the same issuer, not this one.</summary>
    public const string BillingScope = "billing";

    public static readonly OAuthClient AdminConsole = new("admin-console", "admin-console secret");

    /// <summary>May ask for <see cref="MessagesScope"/> and <see cref="BillingScope"/>, never <see cref="AdminScope"/>.</summary>
    public static readonly OAuthClient MessageReader = new("message-reader", "message-reader secret");

    private readonly WebApplication _app;

    private readonly HttpClient _http;

    private OpenIddictServer(WebApplication app)
    {
        _app = app;
        _http = app.GetTestClient();
    }

    /// <summary>Starts it on <paramref name="time"/> (the API's fake clock, so both agree on every date; the system's when
    /// null) with its clients and scopes registered.</summary>
    public static async Task<OpenIddictServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (time is not null)
            builder.Services.AddSingleton(time);
        var database = Guid.NewGuid().ToString();
        builder.Services.AddDbContext<Store>(options => options.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<Store>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(Issuer))
                    .SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .AllowClientCredentialsFlow()
                    .UseReferenceAccessTokens()
                    .RegisterScopes(MessagesScope, AdminScope, BillingScope)
                    .AddEphemeralSigningKey()
                    .AddEphemeralEncryptionKey();
                // Its HTTPS requirement holds: the test server sees each request's scheme, https, from its URL.
                server.UseAspNetCore().EnableTokenEndpointPassthrough();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapPost("/connect/token", IssueTokenAsync);
        await RegisterAsync(app.Services);
        await app.StartAsync();
        var server = new OpenIddictServer(app);
        await server.WarmUpAsync();
        return server;
    }

    /// <summary>Configures <paramref name="api"/> as an OpenIddict user would: AUTH0_DOMAIN the issuer, AUTH0_AUDIENCE and
    /// the introspecting client <see cref="Api"/>, permissions read from the answer's <c>scope</c> (OpenIddict grants
    /// permissions as scopes); and routes its backchannel to this server.</summary>
    public ApiFactory Serve(ApiFactory api) => api
        .WithIssuer(Issuer)
        .WithSetting("AUTH0_AUDIENCE", Api)
        .WithSetting("Auth0:Introspection:ClientId", Api)
        .WithSetting("Auth0:Introspection:ClientSecret", ApiSecret)
        .WithSetting("Auth0:PermissionClaims:0", Claims.Scope)
        // This server shares the machine's cores with the API and the tests, and each of its endpoints is slow the first
        // time (compiled and its store queried on first use): a slow answer is not what these tests are about.
        .WithSetting("Auth0:BackchannelTimeout", "00:00:30")
        // Registered after the factory's own backchannel, so this primary handler replaces its test issuer's.
        .WithServices(services => services.AddHttpClient(IssuerKeyStore.BackchannelName).ConfigurePrimaryHttpMessageHandler(_app.GetTestServer().CreateHandler));

    /// <summary>A reference access token for <paramref name="client"/> with these scopes, from the token endpoint.</summary>
    public async Task<string> TokenAsync(OAuthClient client, params string[] scopes)
    {
        using var response = await PostAsync("connect/token", client, new() { ["grant_type"] = GrantTypes.ClientCredentials, ["scope"] = string.Join(' ', scopes) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Revokes <paramref name="token"/> at the revocation endpoint (RFC 7009), as its client would.</summary>
    public async Task RevokeAsync(OAuthClient client, string token)
    {
        using var response = await PostAsync("connect/revoke", client, new() { ["token"] = token, ["token_type_hint"] = TokenTypeHints.AccessToken });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Serves discovery and JWKS once, so that the API's first fetch is not OpenIddict's first request (its
    /// pipeline and store start on it, which on a busy machine can outlast the API's backchannel timeout).</summary>
    private async Task WarmUpAsync()
    {
        foreach (var path in (string[])[".well-known/openid-configuration", ".well-known/jwks"])
        {
            using var response = await _http.GetAsync(new Uri(new Uri(Issuer), path));
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string path, OAuthClient client, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(Issuer), path)) { Content = new FormUrlEncodedContent(form) };
        var credentials = $"{WebUtility.UrlEncode(client.Id)}:{WebUtility.UrlEncode(client.Secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return await _http.SendAsync(request);
    }

    /// <summary>The token endpoint's passthrough, reached once OpenIddict has authenticated the client and checked its
    /// grant and scope permissions: the client is the subject, and each scope's resources are the token's audiences.</summary>
    private static async Task<IResult> IssueTokenAsync(HttpContext context, IOpenIddictScopeManager scopes)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes()).ToListAsync());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task RegisterAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = MessagesScope, Resources = { Api } });
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = AdminScope, Resources = { Api } });
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = BillingScope, Resources = { "billing-api" } });
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(Registration(AdminConsole, MessagesScope, AdminScope));
        await applications.CreateAsync(Registration(MessageReader, MessagesScope, BillingScope));
        // The API only introspects: no grant, no scope.
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = Api,
            ClientSecret = ApiSecret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Introspection },
        });
    }

    private static OpenIddictApplicationDescriptor Registration(OAuthClient client, params string[] scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.Id,
            ClientSecret = client.Secret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Permissions.UnionWith(scopes.Select(name => Permissions.Prefixes.Scope + name));
        return descriptor;
    }

    /// <summary>OpenIddict's entities (applications, scopes, tokens) in an in-memory database of this server's own.</summary>
    private sealed class Store(DbContextOptions<Store> options) : DbContext(options);

    /// <summary>A confidential client registered here, authenticating with client_secret_basic.</summary>
    public sealed record OAuthClient(string Id, string Secret);
}
