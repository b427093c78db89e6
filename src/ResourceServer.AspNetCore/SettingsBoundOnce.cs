using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore;

/// <summary>Settings that code reads while the host is being built (a port, which services to register), bound from
/// configuration once. The instance the builder reads is the one every <see cref="IOptions{TOptions}"/> serves: the
/// configure actions registered for it run on it, then its validators, at start with every other option's, so invalid
/// settings are refused before anything is served. Code that reads it while the host is built must not rely on a value
/// being valid.</summary>
internal static class SettingsBoundOnce
{
    // What the framework's options types ask of an options class.
    private const DynamicallyAccessedMemberTypes Constructor = DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    /// <summary>The instance bound for <typeparamref name="TOptions"/>, binding it with <paramref name="bind"/> the first
    /// time it is asked for.</summary>
    public static TOptions BindOnce<[DynamicallyAccessedMembers(Constructor)] TOptions>(this IServiceCollection services, Func<TOptions> bind) where TOptions : class
    {
        if (services.BoundOnce<TOptions>() is { } bound)
            return bound;
        var value = bind();
        services.AddSingleton(new Bound<TOptions>(value));
        services.AddSingleton<IOptionsFactory<TOptions>, BoundOptionsFactory<TOptions>>();
        services.AddOptions<TOptions>().ValidateOnStart();
        return value;
    }

    /// <summary>As <see cref="BindOnce{TOptions}"/>, with <typeparamref name="TValidator"/> registered once to validate it at start.</summary>
    public static TOptions BindOnce<[DynamicallyAccessedMembers(Constructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this IServiceCollection services, Func<TOptions> bind) where TOptions : class where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.BindOnce(bind);
    }

    /// <summary>The instance bound for <typeparamref name="TOptions"/> while the host is built; null when nothing bound it.</summary>
    public static TOptions? BoundOnce<TOptions>(this IServiceCollection services) where TOptions : class =>
        (services.FirstOrDefault(service => service.ServiceType == typeof(Bound<TOptions>))?.ImplementationInstance as Bound<TOptions>)?.Value;

    /// <summary>The instance as bound, for code that runs once the host is built but before start has validated it.</summary>
    public static TOptions BoundOnce<TOptions>(this IServiceProvider services) where TOptions : class =>
        services.GetRequiredService<Bound<TOptions>>().Value;

    private sealed record Bound<TOptions>(TOptions Value);

    /// <summary>Configures and validates the bound instance, once, as the framework's factory would a new one.</summary>
    private sealed class BoundOptionsFactory<[DynamicallyAccessedMembers(Constructor)] TOptions>(
        Bound<TOptions> bound, IEnumerable<IConfigureOptions<TOptions>> setups, IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
        IEnumerable<IValidateOptions<TOptions>> validations) : IOptionsFactory<TOptions> where TOptions : class
    {
        private readonly Lazy<TOptions> _configured = new(() => Configure(bound.Value, setups, postConfigures, validations));

        public TOptions Create(string name) => _configured.Value;

        private static TOptions Configure(TOptions options, IEnumerable<IConfigureOptions<TOptions>> setups,
            IEnumerable<IPostConfigureOptions<TOptions>> postConfigures, IEnumerable<IValidateOptions<TOptions>> validations)
        {
            foreach (var setup in setups)
            {
                if (setup is IConfigureNamedOptions<TOptions> named)
                    named.Configure(Options.DefaultName, options);
                else
                    setup.Configure(options);
            }
            foreach (var postConfigure in postConfigures)
                postConfigure.PostConfigure(Options.DefaultName, options);
            string[] failures = [.. validations.Select(validation => validation.Validate(Options.DefaultName, options))
                .Where(result => result.Failed).SelectMany(result => result.Failures ?? [])];
            return failures.Length > 0 ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), failures) : options;
        }
    }
}
