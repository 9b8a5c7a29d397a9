using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Registry.Api.Hosting;

/// <summary>
/// Remembers the principal of each access token OpenIddict has validated, until the token expires, in a bounded
/// in-process cache (DESIGN §4: authentication must stay cheap per request). Access tokens are self-contained and
/// short-lived (revocation is by their lifetime and revocable refresh tokens), so the answer cannot change before expiry.
/// Keys are SHA-256 hashes, so the cache holds no usable token.
/// </summary>
public sealed class TokenValidationCache : IDisposable
{
    /// <summary>How many validated tokens are kept at most; beyond it, new tokens are validated but not cached.</summary>
    public const int MaxEntries = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public bool TryGet(string token, DateTimeOffset now, out ClaimsPrincipal principal)
    {
        if (_cache.TryGetValue(Key(token), out Entry? entry) && entry is not null && now < entry.ExpiresAt)
        {
            principal = entry.Principal;
            return true;
        }
        principal = null!;
        return false;
    }

    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now) return;
        _cache.Set(Key(token), new Entry(principal, expiresAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = expiresAt - now });
    }

    public void Dispose() => _cache.Dispose();

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);
}

/// <summary>
/// The default authentication scheme: a bearer token already validated is answered from <see cref="TokenValidationCache"/>;
/// anything else goes to OpenIddict's validation, whose successes are remembered. Challenges and forbids are OpenIddict's.
/// </summary>
public sealed class CachedBearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, TokenValidationCache cache, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Registry.Bearer";
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
        var now = clock.GetUtcNow();
        if (!string.IsNullOrEmpty(token) && cache.TryGet(token, now, out var known))
            return AuthenticateResult.Success(new AuthenticationTicket(known, Scheme.Name));

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (result.Succeeded && !string.IsNullOrEmpty(token) && result.Principal.GetExpirationDate() is { } expires)
            cache.Remember(token, result.Principal, expires, now);
        return result;
    }
}
