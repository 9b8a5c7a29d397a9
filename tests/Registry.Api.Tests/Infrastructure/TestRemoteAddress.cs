using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// The test server has no network peer: this filter, added to a test host, takes the remote address from a test-only header,
/// so a test can play callers at different addresses.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            return following(http);
        });
        next(app);
    };
}
