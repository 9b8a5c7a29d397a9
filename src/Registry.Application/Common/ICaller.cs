using Registry.Domain.Access;

namespace Registry.Application.Common;

/// <summary>Who sends the current request, as far as the application needs to know.</summary>
public interface ICaller
{
    /// <summary>Subject of the token (user id or client id), "system" for jobs and command-line verbs, else "anonymous".</summary>
    string Subject { get; }

    bool IsAuthenticated { get; }

    /// <summary>Work the platform does itself (jobs, migrations, the demo seeder): not subject to role checks.</summary>
    bool IsSystem { get; }

    /// <summary>One of <see cref="Roles"/>, when authenticated.</summary>
    string? Role { get; }

    /// <summary>Organization the caller acts for, when authenticated.</summary>
    Guid? OrganizationId { get; }

    /// <summary>Region of the caller's organization; for a regulator, its jurisdiction.</summary>
    string? RegionCode { get; }

    /// <summary>Key of an <c>Idempotency-Key</c> header sent with the current command, if any.</summary>
    string? IdempotencyKey { get; }
}

public static class CallerExtensions
{
    /// <summary>
    /// The regions whose rows a caller sees in lists by jurisdiction: everything for the operator and the platform itself, its
    /// region and everything within it for a regulator or certifier, nothing for anyone else (they see their own rows only).
    /// </summary>
    public static RegionScope ListScope(this ICaller caller) =>
        caller.IsSystem || caller.Role == Roles.Admin ? RegionScope.Everything
        : caller.Role is Roles.Regulator or Roles.Certifier ? RegionScope.Of(caller.RegionCode)
        : RegionScope.Nothing;

    /// <summary>Whether the caller supervises the region (the domain's Visibility rule); a list by jurisdiction shows exactly these regions.</summary>
    public static bool Covers(this ICaller caller, string regionCode) => Visibility.Supervises(caller.AsViewer(), regionCode);

    public static Guid RequireOrganization(this ICaller caller) =>
        caller.OrganizationId ?? throw new Forbidden("This operation needs a caller that acts for an organization.") { Variant = "organization_caller" };
}
