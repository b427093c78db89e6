using MessagesApi.Auth;
using MessagesApi.Messages;
using MessagesApi.Web;

var builder = WebApplication.CreateBuilder(args);

builder.ListenOnConfiguredPort();
builder.AddAuth0JwtBearer();
builder.Services.AddPermissionPolicies();
builder.Services.AddClientOriginCors();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseJsonErrorResponses();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapMessages();
ProtectedResourceMetadata.MapProtectedResourceMetadata(app);

return app.RunOrExplain();
