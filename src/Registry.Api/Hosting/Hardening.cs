using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Registry.Api.Hosting;

/// <summary>The <c>ForwardedHeaders</c> configuration section: the only proxies whose X-Forwarded-For and -Proto are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of the reverse proxies in front of the API, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of reverse proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// What a public deployment needs around the endpoints: a configured issuer and redirect addresses, HTTPS, forwarded
/// headers only from known proxies, security headers on every answer and no server banner.
/// </summary>
public static class Hardening
{
    /// <summary>The demo portal's redirect addresses; registered in Development only.</summary>
    public static readonly string[] DevelopmentRedirectUris = ["http://localhost:5080/callback", "http://localhost/callback"];

    private const string Nosniff = "nosniff";

    /// <summary>The inline script of OpenIddict's form_post answer, which submits the code to the client.</summary>
    private static readonly string FormPostScriptHash = "'sha256-" + Convert.ToBase64String(
        System.Security.Cryptography.SHA256.HashData("document.form.submit();"u8)) + "'";

    /// <summary>
    /// Fills the environment-dependent defaults of the <c>Identity</c> section and refuses a production configuration that
    /// would take its issuer from the Host header or serve OAuth over plain HTTP without saying so.
    /// </summary>
    public static IdentityOptions ResolveFor(this IdentityOptions identity, WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        identity.RequireHttps = builder.Configuration.GetValue<bool?>("Identity:RequireHttps") ?? production;
        if (identity.PortalRedirectUris.Length == 0 && builder.Environment.IsDevelopment())
            identity.PortalRedirectUris = DevelopmentRedirectUris;

        if (string.IsNullOrWhiteSpace(identity.Issuer))
        {
            if (production)
                throw new InvalidOperationException(
                    "Production needs Identity:Issuer, the public address of the API (e.g. https://registry.example.gov.cn/). See docs/operations.md.");
            identity.Issuer = DefaultIssuer(builder.Configuration["urls"]);
        }
        if (!Uri.TryCreate(identity.Issuer, UriKind.Absolute, out var issuer) || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
            throw new InvalidOperationException($"Identity:Issuer must be an absolute address without query or fragment, not '{identity.Issuer}'.");
        if (identity.RequireHttps && issuer.Scheme != Uri.UriSchemeHttps)
            throw new InvalidOperationException($"Identity:Issuer must be an https address while Identity:RequireHttps is true, not '{identity.Issuer}'.");
        return identity;
    }

    // Development and tests: the first address the host listens on, with a wildcard host read as localhost.
    private static string DefaultIssuer(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost/";
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return new Uri(first).GetLeftPart(UriPartial.Authority) + "/";
    }

    public static WebApplicationBuilder AddRegistryHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var forwarded = builder.Configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        builder.Services.AddSingleton(forwarded);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The client's address (sign-in throttling, rate limits) and scheme; never the host: the issuer is configured.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in forwarded.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in forwarded.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            // Walk back through every known proxy in the chain; the first address that is not one is the client.
            o.ForwardLimit = null;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>First in the pipeline, so every answer, errors included, passes through it.</summary>
    public static WebApplication UseRegistryHardening(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().IsConfigured) app.UseForwardedHeaders();
        var pagesPolicy = PagesContentSecurityPolicy(app.Services.GetRequiredService<IdentityOptions>());
        // One callback for the application's lifetime; the context travels as its state, so a request allocates no closure.
        Func<object, Task> addHeaders = state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = Nosniff;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (http.Request.Path.StartsWithSegments("/account") || http.Request.Path.StartsWithSegments("/connect"))
                headers.ContentSecurityPolicy = pagesPolicy;
            return Task.CompletedTask;
        };
        app.Use((http, next) =>
        {
            http.Response.OnStarting(addHeaders, http);
            return next(http);
        });
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            // Load balancers probe health over plain HTTP inside the network.
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }
        return app;
    }

    /// <summary>
    /// The sign-in and OAuth pages: nothing but their own style sheet and OpenIddict's form_post script; forms post to
    /// this site, whose redirects after a form may reach the portal's registered addresses; never framed.
    /// </summary>
    public static string PagesContentSecurityPolicy(IdentityOptions identity)
    {
        var origins = identity.PortalRedirectUris.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);
        return $"default-src 'none'; style-src {Identity.AccountPages.StyleHash}; script-src {FormPostScriptHash}; " +
            $"form-action 'self' {string.Join(' ', origins)}".TrimEnd() + "; frame-ancestors 'none'; base-uri 'none'";
    }
}
