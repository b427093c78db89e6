using MessagesApi.DevIssuer;
using MessagesApi.Health;
using MessagesApi.Messages;
using MessagesApi.Observability;
using MessagesApi.OpenApi;
using MessagesApi.Web;
using ResourceServer.AspNetCore;
using ResourceServer.AspNetCore.DevIssuer;

StartupFailure.RefuseUnparsableSettings();
// The app's own folder, whatever the working directory: started as `/path/MessagesApi`, it still reads its appsettings.json.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args, ContentRootPath = AppContext.BaseDirectory, EnvironmentName = LaunchProfileEnvironment.WhenNoneNamed(args),
});
builder.AddDevelopmentIssuerWithWelcome();
if ((builder.RunDevelopmentIssuerCommand(args, CommandLineHelp.Invocation) ?? HealthCheckCommand.TryRun(builder, args) ?? CommandLineHelp.TryPrintServerUsage(args)) is { } exitCode)
    return exitCode;

builder.ListenOnConfiguredPort();
builder.UseGracefulShutdown();
builder.AddResourceServer();
builder.Services.KeepDataProtectionKeysInMemory();
builder.Services.AddClientOriginCors();
builder.Services.AddSourceGeneratedJson();
builder.AddSwagger();
builder.Services.AddHealth();
builder.AddObservability();

var app = builder.Build();

app.UseConnectionCloseWhileDraining();
app.UseSecurityHeaders();
app.UseJsonErrorResponses();
app.UseClientOriginCors();
app.UseSwaggerUiWhenEnabled();
app.UseResourceServer();

app.MapMessages();
app.MapResourceServer();
app.MapHealth();
app.MapDevelopmentIssuerIfEnabled();
app.MapPrometheusWhenEnabled();

return app.RunOrExplain();
