namespace MessagesApi.Auth;

internal static class AccessTokenTypes
{
    /// <summary>The <c>typ</c> header values accepted: Auth0's "JWT" and RFC 9068's "at+jwt".</summary>
    public static readonly string[] Accepted = ["JWT", "at+jwt"];
}
