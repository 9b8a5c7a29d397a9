using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Registry.Infrastructure.Identity;

namespace Registry.Api.Hosting;

/// <summary>
/// Remembers the principal of each access token OpenIddict has validated, until the token expires, in a bounded
/// in-process cache (authentication must stay cheap per request). OpenIddict's answer for a signed token cannot change
/// before expiry except by withdrawal, which <see cref="WithdrawnAccess"/> checks on every request after this cache.
/// A token is remembered for the origin (scheme, host, base path) it was validated under, because the issuer
/// OpenIddict expects follows the request's origin unless one is configured. Keys are SHA-256 hashes, so the cache holds
/// no usable token.
/// </summary>
public sealed class TokenValidationCache : IDisposable
{
    /// <summary>How many validated tokens are kept at most; beyond it, new tokens are validated but not cached.</summary>
    public const int MaxEntries = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public bool TryGet(Key key, DateTimeOffset now, out ClaimsPrincipal principal, out DateTimeOffset expiresAt)
    {
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null && now < entry.ExpiresAt)
        {
            (principal, expiresAt) = (entry.Principal, entry.ExpiresAt);
            return true;
        }
        (principal, expiresAt) = (null!, default);
        return false;
    }

    public void Remember(Key key, ClaimsPrincipal principal, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now) return;
        _cache.Set(key, new Entry(principal, expiresAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = expiresAt - now });
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// The SHA-256 of <c>origin + "\n" + token</c>, where the origin is <c>scheme://host/base path</c>. Hashed from the request's
    /// own strings through a pooled buffer: a token (a kilobyte or more) is never copied into new strings on each request.
    /// </summary>
    public readonly record struct Key(UInt128 First, UInt128 Second)
    {
        public static Key Of(HttpRequest request, ReadOnlySpan<char> token)
        {
            ReadOnlySpan<char> scheme = request.Scheme, host = request.Host.Value, pathBase = request.PathBase.Value;
            var length = scheme.Length + 3 + host.Length + pathBase.Length + 1 + token.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            try
            {
                var written = 0;
                foreach (var part in (ReadOnlySpan<string?>)[request.Scheme, "://", request.Host.Value, request.PathBase.Value, "\n"])
                    written += Encoding.UTF8.GetBytes(part, buffer.AsSpan(written));
                written += Encoding.UTF8.GetBytes(token, buffer.AsSpan(written));
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(buffer.AsSpan(0, written), hash);
                return new Key(MemoryMarshal.Read<UInt128>(hash), MemoryMarshal.Read<UInt128>(hash[16..]));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);
}

/// <summary>
/// The default authentication scheme: a bearer token already validated is answered from <see cref="TokenValidationCache"/>;
/// anything else goes to OpenIddict's validation (signature, issuer, expiry, audience <c>registry-api</c>) and must carry the
/// <c>registry.api</c> scope to be remembered. Either way the token is then checked against <see cref="WithdrawnAccess"/>.
/// Challenges are OpenIddict's, except for a token refused here, which OpenIddict itself finds valid; forbids are OpenIddict's.
/// </summary>
public sealed class CachedBearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, TokenValidationCache cache, WithdrawnAccess withdrawn, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Registry.Bearer";
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Tokens are read from the Authorization header only (Security.cs): without one there is nothing to validate.
        if (Request.Headers.Authorization.Count == 0) return AuthenticateResult.NoResult();
        var token = BearerToken(Request);
        var now = clock.GetUtcNow();
        if (ConnectionToken.Find(Context, token.Span, now) is { } same)
            return Admit(same);
        TokenValidationCache.Key? key = token.IsEmpty ? null : TokenValidationCache.Key.Of(Request, token.Span);
        if (key is { } k && cache.TryGet(k, now, out var known, out var knownUntil))
            return Admit(known, token, knownUntil);

        // Under /api the middleware left OpenIddict's validation unprepared (ApiAuthentication): prepare it now, as it would have.
        if (await ApiAuthentication.OfferToValidationAsync(Context)) return AuthenticateResult.NoResult();
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded) return result;
        if (!result.Principal.HasScope(OpenIddictClientRegistry.ApiScope))
            return Refuse("the access token was not granted the registry.api scope");
        var expires = result.Principal.GetExpirationDate();
        if (key is { } validated && expires is { } until)
            cache.Remember(validated, result.Principal, until, now);
        return Admit(result.Principal, token, expires);
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header; empty when there is none.</summary>
    private static ReadOnlyMemory<char> BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header.AsMemory(Prefix.Length).Trim() : default;
    }

    /// <summary>
    /// The lean path of <see cref="ApiAuthentication"/>: the success this scheme would answer for the token the connection's last
    /// admitted request carried, without resolving the authentication service or creating a handler. Null sends the request the
    /// usual way (another token, expired, or withdrawn: the handler then gives the refusal its reason).
    /// </summary>
    public static AuthenticateResult? Remembered(HttpContext http, WithdrawnAccess withdrawn, TimeProvider clock) =>
        ConnectionToken.Find(http, BearerToken(http.Request).Span, clock.GetUtcNow()) is { } principal && !withdrawn.Refuses(principal)
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : null;

    private AuthenticateResult Admit(ClaimsPrincipal principal, ReadOnlyMemory<char> token = default, DateTimeOffset? expiresAt = null)
    {
        if (withdrawn.Refuses(principal))
            return Refuse("access was withdrawn: the token was revoked, or its organization, account or client deactivated");
        if (!token.IsEmpty && expiresAt is { } until) ConnectionToken.Remember(Context, token.Span, principal, until);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private static readonly object RefusalKey = new();

    private AuthenticateResult Refuse(string description)
    {
        Context.Items[RefusalKey] = description;
        return AuthenticateResult.Fail(description);
    }

    // OpenIddict's challenge would call a token it validated "insufficient access" (403); a refused token is invalid (401).
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusalKey] is not string description)
        {
            if (await ApiAuthentication.OfferToValidationAsync(Context)) return;
            // OpenIddict's challenge describes the outcome of its own authentication (no token, an invalid one), and reads a
            // request it never authenticated as a valid token without access (403): a request without an Authorization header
            // was never offered to it, so it is now (a request that was is answered from OpenIddict's memory of it).
            await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            await Context.ChallengeAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
    }

    // Forbids are OpenIddict's.
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!await ApiAuthentication.OfferToValidationAsync(Context))
            await Context.ForbidAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
    }
}

/// <summary>
/// The last bearer token admitted on each client connection, with its principal and expiry. A client that keeps its connection
/// open sends the same token on every request; comparing it with the one admitted before costs far less than hashing a kilobyte
/// for <see cref="TokenValidationCache"/>. Only an admitted token is remembered (validated by OpenIddict, scoped, not withdrawn),
/// for the origin it was validated under, until it expires; the token is compared in full, and withdrawal is still checked on
/// every request. The entry lives as long as the connection's own item collection (a connection without one, such as the test
/// server's, remembers nothing) and is replaced by the next token admitted on it.
/// </summary>
internal static class ConnectionToken
{
    // Keyed by the connection's item collection, whose identity is the connection's: the table is safe for the concurrent
    // streams of one HTTP/2 connection, which the item collection itself is not.
    private static readonly ConditionalWeakTable<object, Holder> ByConnection = new();

    public static ClaimsPrincipal? Find(HttpContext http, ReadOnlySpan<char> token, DateTimeOffset now)
    {
        if (token.IsEmpty || http.Features.Get<IConnectionItemsFeature>()?.Items is not { } items
            || !ByConnection.TryGetValue(items, out var holder) || Volatile.Read(ref holder.Last) is not { } last)
            return null;
        var request = http.Request;
        return now < last.ExpiresAt && token.SequenceEqual(last.Token)
            && string.Equals(request.Scheme, last.Scheme, StringComparison.Ordinal)
            && string.Equals(request.Host.Value, last.Host, StringComparison.Ordinal)
            && string.Equals(request.PathBase.Value, last.PathBase, StringComparison.Ordinal)
            ? last.Principal
            : null;
    }

    public static void Remember(HttpContext http, ReadOnlySpan<char> token, ClaimsPrincipal principal, DateTimeOffset expiresAt)
    {
        if (http.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return;
        var holder = ByConnection.GetValue(items, static _ => new Holder());
        var request = http.Request;
        Volatile.Write(ref holder.Last, new Admitted(token.ToString(), request.Scheme, request.Host.Value, request.PathBase.Value, principal, expiresAt));
    }

    private sealed class Holder
    {
        public Admitted? Last;
    }

    private sealed record Admitted(string Token, string Scheme, string? Host, string? PathBase, ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);
}
