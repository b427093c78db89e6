using Microsoft.AspNetCore.Authentication.JwtBearer;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://localhost:{builder.Configuration["PORT"]}");
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.Authority = $"https://{builder.Configuration["AUTH0_DOMAIN"]}/";
    options.Audience = builder.Configuration["AUTH0_AUDIENCE"];
    options.MapInboundClaims = false;
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/api/messages/public", () => new { text = "This is a public message." });
app.MapGet("/api/messages/protected", () => new { text = "This is a protected message." }).RequireAuthorization();
app.Run();
