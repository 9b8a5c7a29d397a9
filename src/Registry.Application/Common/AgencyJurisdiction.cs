using Registry.Domain.Access;

namespace Registry.Application.Common;

/// <summary>An agency files catalog entries and demands only for its own jurisdiction: its current region and everything below it.</summary>
internal static class AgencyJurisdiction
{
    /// <summary>Null when the (known: see <see cref="RegionRules"/>) region lies in the agency's jurisdiction; otherwise why not, for the <c>regionCode</c> field.</summary>
    public static async Task<string?> ProblemAsync(IQueryDb db, Guid agencyId, string regionCode, CancellationToken ct)
    {
        var agencyRegion = await db.QuerySingleOrDefaultAsync<string>(AgencyRegionSql, new { agencyId }, ct);
        return agencyRegion is not null && Jurisdiction.Covers(agencyRegion, regionCode) ? null
            : $"Region {regionCode} lies outside the agency's jurisdiction ({agencyRegion ?? "none"} and the regions below it).";
    }

    private static readonly Sql AgencyRegionSql = new("select region_code from organizations where id = @agencyId");
}
