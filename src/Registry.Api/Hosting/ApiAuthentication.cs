using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace Registry.Api.Hosting;

/// <summary>
/// The authentication middleware. Outside <c>/api</c> it is the framework's own. Under <c>/api</c> it does the same except that it
/// does not first offer the request to the schemes that may answer a request themselves (OpenIddict's server and validation):
/// OpenIddict's server answers only its own endpoints, none of which is under <c>/api</c> (checked at start-up), and its
/// validation answers no request at all: it only prepares, for every request, the state its own authentication, challenge and
/// forbid read. <see cref="CachedBearerAuthenticationHandler"/> prepares that state itself, through the same call, before it
/// asks OpenIddict's validation anything (a token not remembered yet, a challenge, a forbid), so a remembered token no
/// longer pays for two handlers and two OpenIddict transactions on every API call. And when the request carries the token its
/// connection's last admitted request carried (<see cref="ConnectionToken"/>), it is admitted here without the authentication
/// service or a handler at all, after the same expiry and withdrawal checks.
/// </summary>
public static class ApiAuthentication
{
    /// <summary>The paths answered with the lean authentication: the API's.</summary>
    public static readonly PathString ApiPath = "/api";

    public static IApplicationBuilder UseRegistryAuthentication(this IApplicationBuilder app)
    {
        // UseAuthentication marks the application as having its authentication middleware, so the host does not add another in
        // front of the pipeline; the mark is the framework's, so take it from a throwaway builder rather than naming it here.
        var probe = new ApplicationBuilder(app.ApplicationServices);
        probe.UseAuthentication();
        foreach (var (key, value) in probe.Properties)
            if (!app.Properties.ContainsKey(key)) app.Properties[key] = value;

        var schemes = app.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var server = app.ApplicationServices.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        if (Identity.NonEndpointRequests.EndpointPathsOf(server).Any(p => new PathString(p).StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase)))
            return app.UseMiddleware<AuthenticationMiddleware>();

        var withdrawn = app.ApplicationServices.GetRequiredService<WithdrawnAccess>();
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(next =>
        {
            var framework = new AuthenticationMiddleware(next, schemes);
            return http => !http.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase) ? framework.Invoke(http)
                : !DefaultSchemeIsCachedBearer(schemes) ? AuthenticateApiRequestAsync(http, next, schemes)
                // No Authorization header: the bearer scheme has nothing to authenticate (tokens are read from that header only).
                : http.Request.Headers.Authorization.Count == 0 ? Authenticated(http, next, null)
                // The token this connection's last admitted request carried: admitted again without the authentication service.
                : CachedBearerAuthenticationHandler.Remembered(http, withdrawn, clock) is { } remembered ? Authenticated(http, next, remembered)
                : AuthenticateApiRequestAsync(http, next, schemes);
        });
    }

    // The default scheme is a setting (AddAuthentication); the lean path stands in for the cached bearer scheme only.
    private static bool DefaultSchemeIsCachedBearer(IAuthenticationSchemeProvider schemes) =>
        schemes.GetDefaultAuthenticateSchemeAsync() is { IsCompletedSuccessfully: true, Result.Name: CachedBearerAuthenticationHandler.SchemeName };

    // The framework's AuthenticationMiddleware.Invoke without the request handlers' turn.
    private static async Task AuthenticateApiRequestAsync(HttpContext http, RequestDelegate next, IAuthenticationSchemeProvider schemes)
    {
        SetOriginalPath(http);
        if (await schemes.GetDefaultAuthenticateSchemeAsync() is { } scheme) Record(http, await http.AuthenticateAsync(scheme.Name));
        await next(http);
    }

    private static Task Authenticated(HttpContext http, RequestDelegate next, AuthenticateResult? remembered)
    {
        SetOriginalPath(http);
        if (remembered is not null) Record(http, remembered);
        return next(http);
    }

    private static void SetOriginalPath(HttpContext http) => http.Features.Set<IAuthenticationFeature>(new AuthenticationFeature
    {
        OriginalPath = http.Request.Path,
        OriginalPathBase = http.Request.PathBase,
    });

    // What the framework's middleware records of the default scheme's answer.
    private static void Record(HttpContext http, AuthenticateResult result)
    {
        if (result.Principal is not null) http.User = result.Principal;
        if (result.Succeeded)
        {
            var features = new AuthenticatedFeatures(result);
            http.Features.Set<IHttpAuthenticationFeature>(features);
            http.Features.Set<IAuthenticateResultFeature>(features);
        }
    }

    /// <summary>
    /// Lets OpenIddict's validation prepare the request as the framework's middleware would have, unless it already has (every
    /// request outside <c>/api</c>, or an earlier call). True when OpenIddict answered the request itself, which its validation
    /// never does for a request that is for none of its endpoints (it has none).
    /// </summary>
    public static async Task<bool> OfferToValidationAsync(HttpContext http)
    {
        if (http.Features.Get<OpenIddictValidationAspNetCoreFeature>() is not null) return false;
        var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        return await handlers.GetHandlerAsync(http, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler validation
            && await validation.HandleRequestAsync();
    }

    /// <summary>The features the framework's middleware sets after a successful authentication (its own class is internal).</summary>
    private sealed class AuthenticatedFeatures(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
