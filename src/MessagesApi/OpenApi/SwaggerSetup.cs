namespace MessagesApi.OpenApi;

internal static class SwaggerSetup
{
    public const string UiPath = "/swagger";
}
