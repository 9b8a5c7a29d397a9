using System.Security.Claims;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>The caller of an HTTP request: the token's subject and organization, and the Idempotency-Key header.</summary>
internal sealed class HttpCaller(IHttpContextAccessor accessor) : ICaller
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No HTTP request in scope.");

    public string Subject =>
        Http.User.FindFirstValue("sub") ?? Http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";

    public Guid? OrganizationId =>
        Guid.TryParse(Http.User.FindFirstValue("org_id"), out var id) ? id : null;

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
