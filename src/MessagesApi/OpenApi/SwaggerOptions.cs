using System.Diagnostics.CodeAnalysis;

namespace MessagesApi.OpenApi;

/// <summary>Swagger UI settings, from the "Swagger" section.</summary>
internal sealed class SwaggerOptions
{
    public const string Section = "Swagger";

    /// <summary>Serve Swagger UI outside Development too. In Development it is always on.</summary>
    public bool Enabled { get; set; }

    /// <summary>When set, Swagger UI also offers the authorization-code + PKCE flow against the issuer with this client.</summary>
    public string? OAuthClientId { get; set; }

    /// <summary>Whether Swagger UI offers the authorization-code flow: a client id is set, and not blank (an empty
    /// variable unsets it, as AUTH0_DOMAIN's does).</summary>
    [MemberNotNullWhen(true, nameof(OAuthClientId))]
    public bool OffersOAuth => !string.IsNullOrWhiteSpace(OAuthClientId);

    /// <summary>Which query parameter names this API in Swagger UI's authorization request.</summary>
    public AudienceParameter OAuthAudienceParameter { get; set; }
}
