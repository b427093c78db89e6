using Microsoft.AspNetCore.DataProtection;

namespace MessagesApi.Web;

internal static class InMemoryDataProtection
{
    /// <summary>AddAuthentication registers DataProtection for cookie and remote sign-in handlers; this stateless API
    /// protects nothing with it. As registered, it made a key ring at every start, wrote it to
    /// ~/.aspnet/DataProtection-Keys and warned that the key was stored unencrypted. Here its keys live in memory, and
    /// none is made until something protects data. Call after AddAuthentication, whose hosted service it removes.</summary>
    public static IServiceCollection KeepDataProtectionKeysInMemory(this IServiceCollection services)
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // DataProtection's one hosted service loads (so creates and writes) the file-backed key ring at start, for the
        // provider just replaced.
        var dataProtection = typeof(DataProtectionOptions).Assembly;
        foreach (var preload in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.Assembly == dataProtection).ToArray())
            services.Remove(preload);
        return services;
    }
}
