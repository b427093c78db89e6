using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The test server has no TCP connection: a client's <see cref="Handler"/> names the address its requests come
/// from, and the app's <see cref="Filter"/> sets it as the connection's remote address ahead of the whole pipeline.</summary>
public static class RemoteAddress
{
    private const string Header = "X-Test-Remote-Address";

    /// <summary>Registers the <see cref="Filter"/> before every other startup filter, the app's own included (the trusted
    /// proxies' forwarded headers), so that its address is set before anything reads it, as Kestrel's would be.</summary>
    public static IServiceCollection SetRemoteAddressFirst(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, Filter>());
        return services;
    }

    public sealed class Handler(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(Header, address);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
