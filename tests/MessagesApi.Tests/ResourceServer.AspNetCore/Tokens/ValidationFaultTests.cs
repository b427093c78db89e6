using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Rejections;

namespace MessagesApi.Tests;

/// <summary>An exception nobody expected while a token is validated is a fault of ours, not a bad token: the client
/// gets a 401 that does not blame its token, and the operator an error with the exception.</summary>
public sealed class ValidationFaultTests
{
    public enum FaultSite
    {
        /// <summary>Inside IdentityModel's validation, which returns the exception in its result.</summary>
        Validator,

        /// <summary>In the token handler itself, whose exception JwtBearer catches.</summary>
        TokenHandler,
    }

    [Theory]
    [InlineData(FaultSite.Validator)]
    [InlineData(FaultSite.TokenHandler)]
    public async Task A_fault_while_validating_gets_401_saying_the_token_could_not_be_validated(FaultSite site)
    {
        using var api = new FaultyValidationApiFactory(site, new InvalidOperationException("simulated fault"));

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token could not be validated.");
    }

    [Theory]
    [InlineData(FaultSite.Validator)]
    [InlineData(FaultSite.TokenHandler)]
    public async Task A_fault_while_validating_is_logged_once_at_error_with_the_exception(FaultSite site)
    {
        var fault = new InvalidOperationException("simulated fault");
        using var api = new FaultyValidationApiFactory(site, fault);

        await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        var error = api.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Should().ContainSingle().Subject;
        error.Category.Should().Be(typeof(BearerChallenge).FullName);
        error.Message.Should().StartWith("401 for /api/messages/protected: validation_error.");
        error.Exception.Should().BeSameAs(fault);
    }

    [Fact]
    public async Task Faults_past_the_limit_are_not_logged_and_those_logged_keep_the_exception()
    {
        var fault = new InvalidOperationException("simulated fault");
        using var api = new FaultyValidationApiFactory(FaultSite.Validator, fault);
        api.WithFakeClock().WithSetting("Observability:RejectionLog:LinesPerInterval", "2");
        var client = api.ClientWithToken(api.Issuer.Token().Build());

        for (var i = 0; i < 4; i++)
            await client.GetAsync("/api/messages/protected");

        api.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Should().HaveCount(2).And.OnlyContain(e => e.Exception == fault);
    }

    [Fact]
    public async Task The_count_of_faults_not_logged_is_written_at_error_when_the_interval_ends()
    {
        using var api = new FaultyValidationApiFactory(FaultSite.Validator, new InvalidOperationException("simulated fault"));
        api.WithFakeClock().WithSetting("Observability:RejectionLog:LinesPerInterval", "1");
        var client = api.ClientWithToken(api.Issuer.Token().Build());
        for (var i = 0; i < 3; i++)
            await client.GetAsync("/api/messages/protected");

        api.Clock!.Advance(TimeSpan.FromSeconds(10));

        var summary = api.Logs.Entries.Should().ContainSingle(e => e.Message.Contains("more rejections")).Which;
        summary.Level.Should().Be(LogLevel.Error);
        summary.Message.Should().Be("2 more rejections for reason validation_error in the last 00:00:10.");
    }

    [Fact]
    public async Task A_plain_argument_exception_is_not_reported_as_malformed()
    {
        using var api = new FaultyValidationApiFactory(FaultSite.Validator, new ArgumentException("simulated fault"));

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token could not be validated.");
    }

    /// <summary>The API with a fault in token validation: the audience check throws, or the token handler does.</summary>
    private sealed class FaultyValidationApiFactory(FaultSite site, Exception fault) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                if (site == FaultSite.Validator)
                {
                    options.TokenValidationParameters.AudienceValidator = (_, _, _) => throw fault;
                    return;
                }
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new ThrowingTokenHandler(fault));
            }));
        }

        private sealed class ThrowingTokenHandler(Exception fault) : TokenHandler
        {
            public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
                throw fault;
        }
    }
}
