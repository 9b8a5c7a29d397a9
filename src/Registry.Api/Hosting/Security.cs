using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Registry.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Api.Hosting;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentityOptions
{
    /// <summary>Redirect addresses of the portal client (authorization code + PKCE); demo ones in Development only.</summary>
    public string[] PortalRedirectUris { get; set; } = [];

    /// <summary>The public address tokens and discovery name (required in Production), never read from the Host header.</summary>
    public string? Issuer { get; set; }

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Refuse plain HTTP on the OAuth endpoints; true in Production unless configured.</summary>
    public bool RequireHttps { get; set; }

    public CertificateOptions SigningCertificate { get; set; } = new();

    public CertificateOptions EncryptionCertificate { get; set; } = new();
}

/// <summary>A certificate from a PFX file with its password, or from the machine's store by thumbprint.</summary>
public sealed class CertificateOptions
{
    public string? Path { get; set; }
    public string? Password { get; set; }
    public string? Thumbprint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);

    public X509Certificate2 Load(string name, string section = "Identity")
    {
        if (!string.IsNullOrWhiteSpace(Path)) return X509CertificateLoader.LoadPkcs12FromFile(Path, Password);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates.Find(X509FindType.FindByThumbprint, Thumbprint!, validOnly: false).FirstOrDefault()
            ?? throw new InvalidOperationException($"{section}:{name}: no certificate with thumbprint {Thumbprint} in the CurrentUser/My store.");
    }
}

/// <summary>The <c>RateLimiting</c> configuration section: one token bucket per token subject (person or client), else per remote address.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public int TokenLimit { get; set; } = 200;
    public int TokensPerPeriod { get; set; } = 100;
    public double PeriodSeconds { get; set; } = 1;

    /// <summary>
    /// Account pages (sign-in, password change) served at once, whoever sends them; the rest wait in arrival order. Not a
    /// per-client limit (that is the token bucket above): a bound on the processor that anonymous page traffic, however
    /// many addresses it comes from, can take from everyone else. Default: half the cores, at least one.
    /// </summary>
    public int AccountPagesAtOnce { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Account page requests waiting for their turn beyond which the next one is refused (429).</summary>
    public int AccountPagesQueue { get; set; } = 200;
}

public static class SecurityExtensions
{
    public const string SignInCookie = "Registry.SignIn";

    /// <summary>The rate limiter policy that bounds how many account pages are served at once (<see cref="RateLimitOptions.AccountPagesAtOnce"/>).</summary>
    public const string AccountPagesPolicy = "account-pages";

    public static WebApplicationBuilder AddRegistrySecurity(this WebApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity").Get<IdentityOptions>() ?? new IdentityOptions();
        var production = builder.Environment.IsProduction();
        if (production && !(identity.SigningCertificate.IsConfigured && identity.EncryptionCertificate.IsConfigured))
        {
            throw new InvalidOperationException(
                "Production needs Identity:SigningCertificate and Identity:EncryptionCertificate (Path and Password, or Thumbprint). " +
                "See docs/access.md.");
        }
        identity.ResolveFor(builder);
        builder.Services.AddSingleton(identity);

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/logout");
                o.SetIssuer(new Uri(identity.Issuer!)).AddEventHandler(Identity.IssuerAddress.Descriptor)
                    .AddEventHandler(Identity.NonEndpointRequests.Descriptor);
                o.AllowClientCredentialsFlow().AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                // S256 only: a "plain" challenge is the verifier itself, which anyone who sees the authorization request learns.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                o.AddEventHandler(Identity.ClientErrors.Descriptor);
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, OpenIddictClientRegistry.ApiScope);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(identity.AccessTokenMinutes));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(identity.RefreshTokenDays));
                // Access tokens carry no secrets (role, organization, region): signed, not encrypted, so validation stays cheap.
                o.DisableAccessTokenEncryption();
                if (identity.SigningCertificate.IsConfigured)
                {
                    o.AddSigningCertificate(identity.SigningCertificate.Load(nameof(identity.SigningCertificate)));
                    o.AddEncryptionCertificate(identity.EncryptionCertificate.Load(nameof(identity.EncryptionCertificate)));
                }
                else
                {
                    o.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                }
                var aspnet = o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!identity.RequireHttps) aspnet.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                // Access tokens travel in the Authorization header only (RFC 6750 §2.1): a token in a query string or a form body
                // ends up in access logs, proxies and browser history, and an API of JSON bodies has no use for either.
                o.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
                // Only tokens issued for the API: granted registry.api, whose audience ConnectEndpoints sets.
                o.AddAudiences(OpenIddictClientRegistry.ApiAudience);
            });
        builder.AddWithdrawnAccess();

        // Bearer tokens are validated by OpenIddict once, then answered from memory until they expire.
        builder.Services.AddSingleton<TokenValidationCache>();
        builder.Services.AddAuthentication(CachedBearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CachedBearerAuthenticationHandler>(CachedBearerAuthenticationHandler.SchemeName, _ => { })
            .AddCookie(SignInCookie, o =>
            {
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.Cookie.Name = "registry.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = identity.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "registry.antiforgery");

        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Registry");
        if (identity.EncryptionCertificate.IsConfigured)
            dataProtection.ProtectKeysWithCertificate(identity.EncryptionCertificate.Load(nameof(identity.EncryptionCertificate)));
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DatabaseXmlRepository>()));

        var limits = builder.Configuration.GetSection("RateLimiting").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            // Applies even with the per-client limits off: it bounds capacity, it does not police callers.
            o.AddConcurrencyLimiter(AccountPagesPolicy, c =>
            {
                c.PermitLimit = Math.Max(1, limits.AccountPagesAtOnce);
                c.QueueLimit = Math.Max(0, limits.AccountPagesQueue);
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            // With the per-client limits off there is no global limiter at all (rather than one that grants every request), so the
            // middleware passes a request whose endpoint has no policy of its own straight on.
            if (limits.Enabled)
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetTokenBucketLimiter(PartitionKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.TokenLimit,
                        TokensPerPeriod = limits.TokensPerPeriod,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(limits.PeriodSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.PeriodSeconds);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Type = ProblemDetailsHandler.TypePrefix + "rate-limited", Title = Registry.Application.Common.Texts.Get("title.rate_limited"),
                        Detail = Registry.Application.Common.Texts.Format("detail.rate_limited", http.Response.Headers.RetryAfter.ToString()),
                    },
                });
            };
        });
        return builder;
    }

    // Per person or client (the token's subject), not per OAuth client: every person signs in through registry-portal.
    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(Claims.Subject)?.Value is { } subject ? "sub:" + subject
        : "ip:" + http.Connection.RemoteIpAddress;
}
