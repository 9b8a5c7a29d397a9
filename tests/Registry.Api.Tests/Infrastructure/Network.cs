using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// Puts the host behind a configured reverse proxy: every connection comes from <see cref="Proxy"/>, so a request's
/// X-Forwarded-For header names the client, as in a deployment with <c>ForwardedHeaders:KnownProxies</c>.
/// </summary>
public static class Network
{
    public const string Proxy = "10.0.0.1";

    public static WebApplicationFactory<Program> BehindProxy(this WebApplicationFactory<Program> api, TimeProvider? clock = null) =>
        api.WithWebHostBuilder(b =>
        {
            b.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<IStartupFilter>(new ConnectionsFrom(IPAddress.Parse(Proxy)));
                if (clock is not null) s.AddSingleton(clock);
            });
        });

    /// <summary>A client whose requests reach the host through the proxy on behalf of <paramref name="clientAddress"/>.</summary>
    public static HttpClient From(this HttpClient client, string clientAddress)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    private sealed class ConnectionsFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                http.Connection.RemoteIpAddress = address;
                return inner(http);
            });
            next(app);
        };
    }
}
