using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests;

/// <summary>Settings bound once: what the builder read is what every IOptions serves, configured once, and validated at
/// start with every failure named.</summary>
public sealed class SettingsBoundOnceTests
{
    [Fact]
    public void Options_serve_the_very_instance_the_builder_bound()
    {
        var services = new ServiceCollection();
        var bound = services.BindOnce(() => new Settings { Port = 7070 });

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<Settings>>().Value.Should().BeSameAs(bound);
        provider.GetRequiredService<IOptionsMonitor<Settings>>().CurrentValue.Should().BeSameAs(bound);
    }

    [Fact]
    public void Asked_for_again_the_settings_are_not_bound_again()
    {
        var services = new ServiceCollection();
        var binds = 0;
        var first = services.BindOnce(() => new Settings { Port = ++binds });

        var second = services.BindOnce(() => new Settings { Port = ++binds });

        second.Should().BeSameAs(first);
        binds.Should().Be(1);
    }

    [Fact]
    public void Configure_actions_run_on_the_bound_instance_once_however_many_ways_it_is_read()
    {
        var services = new ServiceCollection();
        var bound = services.BindOnce(() => new Settings());
        services.Configure<Settings>(settings => settings.Port++);

        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<Settings>>().Value;
        _ = provider.GetRequiredService<IOptionsMonitor<Settings>>().CurrentValue;
        using (var scope = provider.CreateScope())
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<Settings>>().Value;

        bound.Port.Should().Be(1);
    }

    [Fact]
    public void Invalid_settings_are_refused_at_start_with_every_failure()
    {
        var services = new ServiceCollection();
        services.BindOnce(() => new Settings { Port = 70000 });
        services.AddSingleton<IValidateOptions<Settings>>(new Validator("PORT is 70000."));
        services.AddSingleton<IValidateOptions<Settings>>(new Validator("And another."));
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("PORT is 70000.", "And another.");
    }

    [Fact]
    public void A_validator_named_with_the_settings_validates_them_once_however_often_they_are_asked_for()
    {
        var services = new ServiceCollection();
        services.BindOnce<Settings, PortValidator>(() => new Settings { Port = 70000 });
        services.BindOnce<Settings, PortValidator>(() => new Settings { Port = 70000 });
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("PORT is 70000.");
    }

    public sealed class Settings
    {
        public int Port { get; set; }
    }

    private sealed class PortValidator : IValidateOptions<Settings>
    {
        public ValidateOptionsResult Validate(string? name, Settings options) => ValidateOptionsResult.Fail($"PORT is {options.Port}.");
    }

    private sealed class Validator(string failure) : IValidateOptions<Settings>
    {
        public ValidateOptionsResult Validate(string? name, Settings options) => ValidateOptionsResult.Fail(failure);
    }
}
