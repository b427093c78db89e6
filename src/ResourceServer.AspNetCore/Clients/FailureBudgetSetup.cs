namespace ResourceServer.AspNetCore.Clients;

internal static class FailureBudgetSetup
{
    public static WebApplicationBuilder AddFailureBudget(this WebApplicationBuilder builder)
    {
        builder.Services.BindOnce<FailureBudgetOptions, FailureBudgetOptionsValidator>(
            () => builder.Configuration.GetSection(FailureBudgetOptions.Section).Get<FailureBudgetOptions>() ?? new FailureBudgetOptions());
        builder.Services.AddSingleton<FailureBudget>();
        return builder;
    }

    /// <summary>Goes just before authentication, so a throttled request costs no cryptography, and after CORS and the
    /// error bodies, so its 429 reaches a browser app with the usual headers.</summary>
    public static IApplicationBuilder UseFailureBudget(this IApplicationBuilder app)
    {
        app.UseMiddleware<FailureBudgetMiddleware>();
        return app;
    }
}
