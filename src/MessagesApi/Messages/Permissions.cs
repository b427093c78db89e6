namespace MessagesApi.Messages;

/// <summary>The permissions the API's endpoints require (<c>RequirePermission</c>); the scopes it advertises are read
/// from the endpoints.</summary>
internal static class Permissions
{
    public const string ReadAdminMessages = "read:admin-messages";
}
