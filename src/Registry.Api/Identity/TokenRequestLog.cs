using Microsoft.AspNetCore;

namespace Registry.Api.Identity;

/// <summary>
/// One line per token request (grant, client, status, error, duration), in place of OpenIddict's own five or six lines per
/// request, which appsettings.json turns down to warnings.
/// </summary>
internal static class TokenRequestLog
{
    /// <summary>Goes before authentication, where OpenIddict answers the token endpoint.</summary>
    public static IApplicationBuilder UseTokenRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Registry.Api.Identity.TokenRequests");
        return app.UseWhen(http => http.Request.Path.StartsWithSegments("/connect/token"), token => token.Use(async (http, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(http);
            var request = http.GetOpenIddictServerRequest();
            var error = http.GetOpenIddictServerResponse()?.Error;
            logger.LogInformation("Token request: {GrantType} for {ClientId} answered {Status}{Error} in {Milliseconds:0} ms",
                request?.GrantType ?? "(none)", request?.ClientId ?? "(no client)", http.Response.StatusCode,
                error is null ? "" : " " + error, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }));
    }
}
