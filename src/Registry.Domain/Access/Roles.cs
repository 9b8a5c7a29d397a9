using Registry.Domain.Regions;

namespace Registry.Domain.Access;

/// <summary>
/// The kinds of organization on the platform; a person or system acting for an organization has its kind as role.
/// </summary>
public static class Roles
{
    /// <summary>A government agency: compiles catalogs, publishes demand, awards, accepts deliveries.</summary>
    public const string Agency = "agency";

    /// <summary>A labeling enterprise: registers, is certified, bids, delivers.</summary>
    public const string Enterprise = "enterprise";

    /// <summary>A regulator (national, provincial or city): certifies, watches statistics and alerts of its jurisdiction.</summary>
    public const string Regulator = "regulator";

    /// <summary>A certification body: reviews certification applications in its jurisdiction.</summary>
    public const string Certifier = "certifier";

    /// <summary>A regional node of the "one network" (一张网): a provincial or base platform exchanging data machine to machine.</summary>
    public const string Node = "node";

    /// <summary>The platform's operators.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Agency, Enterprise, Regulator, Certifier, Node, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}

/// <summary>A regulator's jurisdiction is its region and everything below it; the national one covers all.</summary>
public static class Jurisdiction
{
    public static bool Covers(string jurisdictionRegion, string region) => RegionCode.IsWithin(region, jurisdictionRegion);
}
