using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;

namespace MessagesApi.Tests;

/// <summary>Auth0:PermissionClaims and Auth0:RequiredClaims are checked at start-up: a value that cannot be read, or that
/// would silently change meaning (the dotted paths read before JSON Pointers), stops the API with a line that says what to
/// write instead.</summary>
public sealed class ClaimSettingsValidationTests
{
    [Fact]
    public void A_dotted_path_is_refused_naming_the_json_pointer_and_the_claim_name_to_write_instead()
    {
        PermissionClaims("realm_access.roles").Should().ContainSingle().Which.Should().Be(
            "Auth0:PermissionClaims contains 'realm_access.roles', a dotted path, which is no longer read: write '/realm_access/roles' for the nested claim, or '/realm_access.roles' for a top-level claim named so.");
    }

    [Fact]
    public void A_dotted_path_whose_name_holds_a_tilde_is_suggested_with_the_tilde_escaped()
    {
        PermissionClaims("realm~access.roles").Should().ContainSingle().Which.Should().Contain(
            "write '/realm~0access/roles' for the nested claim, or '/realm~0access.roles' for a top-level claim named so.");
    }

    [Theory]
    [InlineData("permissions")]
    [InlineData("scp")]
    [InlineData("cognito:groups")]
    [InlineData("https://example.com/roles")]
    [InlineData("example.com/roles")]
    [InlineData("/realm_access/roles")]
    [InlineData("/resource_access/my.client.id/roles")]
    [InlineData("/realm_access.roles")]
    [InlineData("/a~0b/c~1d")]
    public void Claim_names_and_json_pointers_are_accepted(string path)
    {
        PermissionClaims(path).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/a~2b")]
    [InlineData("/a~")]
    [InlineData("/roles/~x")]
    public void A_json_pointer_with_a_bad_escape_is_refused(string path)
    {
        PermissionClaims(path).Should().ContainSingle().Which.Should().Be(
            $"Auth0:PermissionClaims contains '{path}', which is not a JSON Pointer: inside a segment ~ is written ~0 and / is written ~1, and ~ is followed by nothing else.");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_permission_claim_is_refused(string path)
    {
        PermissionClaims(path).Should().ContainSingle().Which.Should().StartWith($"Auth0:PermissionClaims contains '{path}', which names no claim");
    }

    [Fact]
    public void A_dotted_path_from_the_environment_stops_the_api_at_start()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "realm_access.roles");

        // What RunOrExplain runs before the host starts (in-process, the factory runs Program up to it).
        var validate = () => api.Services.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Contain("'/realm_access/roles'");
    }

    [Theory]
    [InlineData("token_use=access")]
    [InlineData("azp")]
    [InlineData("typ=Bearer")]
    [InlineData("cognito:client=a=b")]
    public void Required_claims_as_name_or_name_equals_value_are_accepted(string claim)
    {
        RequiredClaims(claim).Should().BeEmpty();
    }

    [Theory]
    [InlineData("=access")]
    [InlineData("token_use=")]
    [InlineData("")]
    [InlineData(" ")]
    public void A_required_claim_without_a_name_or_with_an_empty_value_is_refused(string claim)
    {
        RequiredClaims(claim).Should().ContainSingle().Which.Should().Be(
            $"Auth0:RequiredClaims contains '{claim}', which is neither name=value nor name: write e.g. token_use=access for a claim that must be that string, or azp for a claim that must be present.");
    }

    [Fact]
    public void Comma_separated_required_claims_are_each_required()
    {
        using var api = new ApiFactory().WithSetting("Auth0:RequiredClaims", "token_use=access, azp");

        api.Services.GetRequiredService<IOptions<Auth0Options>>().Value.RequiredClaims.Should().Equal("token_use=access", "azp");
    }

    private static IEnumerable<string> PermissionClaims(string path) => Validate(new Auth0Options { PermissionClaims = [path] });

    private static IEnumerable<string> RequiredClaims(string claim) => Validate(new Auth0Options { RequiredClaims = [claim] });

    private static IEnumerable<string> Validate(Auth0Options options)
    {
        options.Domain = "tenant.example";
        options.Audience = "https://api.example";
        return new Auth0OptionsValidator(new HostingEnvironment { EnvironmentName = "Production" }).Validate(null, options).Failures ?? [];
    }
}
