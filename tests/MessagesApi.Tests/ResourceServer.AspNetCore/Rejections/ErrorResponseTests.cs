using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>The API with an authorization handler that throws what the server throws for a request it cannot read.</summary>
    private sealed class ClientErrorApiFactory(int status) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuthorizationHandler>(new ClientErrorHandler(status)));
        }

        private sealed class ClientErrorHandler(int status) : IAuthorizationHandler
        {
            public Task HandleAsync(AuthorizationHandlerContext context) =>
                throw new BadHttpRequestException("The request could not be read.", status);
        }
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(413, "Payload Too Large")]
    [InlineData(431, "Request Header Fields Too Large")]
    public async Task A_client_error_raised_while_reading_the_request_keeps_its_status_with_a_json_message(int status, string message)
    {
        using var clientErrorApi = new ClientErrorApiFactory(status);

        var response = await clientErrorApi.ClientWithToken(clientErrorApi.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadAsStringAsync()).Should().Be($$"""{"message":"{{message}}"}""");
    }

    [Fact]
    public async Task A_client_error_raised_while_reading_the_request_is_not_logged_as_an_error()
    {
        using var clientErrorApi = new ClientErrorApiFactory(StatusCodes.Status400BadRequest);

        await clientErrorApi.ClientWithToken(clientErrorApi.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        clientErrorApi.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error);
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
