using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MessagesApi.Tests;

public sealed class ErrorResponseTests(ErrorResponseTests.ThrowingApiFactory api) : IClassFixture<ErrorResponseTests.ThrowingApiFactory>
{
    /// <summary>The API with an authorization handler that fails the way any bug would: by throwing.</summary>
    public sealed class ThrowingApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuthorizationHandler, ThrowingHandler>());
        }

        private sealed class ThrowingHandler : IAuthorizationHandler
        {
            public Task HandleAsync(AuthorizationHandlerContext context) =>
                throw new InvalidOperationException("secret internal detail");
        }
    }

    [Fact]
    public async Task Unhandled_exception_returns_500_with_a_generic_message()
    {
        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Internal Server Error."}""");
    }

    [Fact]
    public async Task Unhandled_exception_response_carries_the_security_headers()
    {
        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        SecurityHeadersTests.Header(response, "Content-Security-Policy").Should().Be("default-src 'self'; frame-ancestors 'none';");
        SecurityHeadersTests.Header(response, "X-Content-Type-Options").Should().Be("nosniff");
    }
}
