namespace MessagesApi.Messages;

/// <summary>Every permission the API knows: one authorization policy each, and the scopes it advertises.</summary>
internal static class Permissions
{
    public const string ReadAdminMessages = "read:admin-messages";

    public static readonly IReadOnlyList<string> All = [ReadAdminMessages];
}
