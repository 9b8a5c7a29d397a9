using Registry.Application.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Api.Hosting;

/// <summary>The caller of an HTTP request: the bearer token's claims and the Idempotency-Key header.</summary>
internal sealed class HttpCaller(IHttpContextAccessor accessor) : ICaller
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string OrganizationClaim = "org_id";
    public const string RegionClaim = "region";

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No HTTP request in scope.");

    public bool IsAuthenticated => Http.User.Identity?.IsAuthenticated == true;

    public bool IsSystem => false;

    public string Subject => IsAuthenticated ? Http.User.FindFirst(Claims.Subject)?.Value ?? "unknown" : "anonymous";

    public string? Role => IsAuthenticated ? Http.User.FindFirst(Claims.Role)?.Value : null;

    public Guid? OrganizationId =>
        IsAuthenticated && Guid.TryParse(Http.User.FindFirst(OrganizationClaim)?.Value, out var id) ? id : null;

    public string? RegionCode => IsAuthenticated ? Http.User.FindFirst(RegionClaim)?.Value : null;

    public string? IdempotencyKey
    {
        get
        {
            var value = Http.Request.Headers[IdempotencyHeader].ToString();
            if (value.Length == 0) return null;
            if (value.Length > 200 || value.Any(char.IsControl))
                throw ValidationFailed.For(IdempotencyHeader, "Idempotency-Key must be 1 to 200 printable characters.");
            return value;
        }
    }
}
