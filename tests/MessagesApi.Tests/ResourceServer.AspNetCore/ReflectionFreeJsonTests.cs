using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MessagesApi.Tests;

public sealed class ReflectionFreeJsonTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public sealed record NotDeclaredBody(string Text);

    [Fact]
    public void A_body_type_no_source_generated_context_declares_is_refused_as_native_aot_refuses_it()
    {
        var options = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var serialise = () => JsonSerializer.Serialize(new NotDeclaredBody("text"), options);

        serialise.Should().Throw<NotSupportedException>().WithMessage($"*{nameof(NotDeclaredBody)}*");
    }
}
