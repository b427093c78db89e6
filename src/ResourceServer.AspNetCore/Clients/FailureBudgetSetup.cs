using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Clients;

internal static class FailureBudgetSetup
{
    public static IServiceCollection AddFailureBudget(this IServiceCollection services)
    {
        services.AddOptions<FailureBudgetOptions>().BindConfiguration(FailureBudgetOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FailureBudgetOptions>, FailureBudgetOptionsValidator>();
        services.AddSingleton<FailureBudget>();
        return services;
    }

    /// <summary>Goes just before authentication, so a throttled request costs no cryptography, and after CORS and the
    /// error bodies, so its 429 reaches a browser app with the usual headers.</summary>
    public static IApplicationBuilder UseFailureBudget(this IApplicationBuilder app)
    {
        app.UseMiddleware<FailureBudgetMiddleware>();
        return app;
    }
}
