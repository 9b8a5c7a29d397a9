using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>
/// What a demand refers to must be the agency's to refer to: its region lies in the agency's jurisdiction, a linked catalog
/// entry is the agency's own and published, a preferred base exists. Checked when the demand is drafted and again when published.
/// </summary>
internal static class DemandReferences
{
    /// <summary>The field errors, empty when every reference is acceptable.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemsAsync(IQueryDb db, Guid agencyId, string regionCode, Guid? preferredBaseId,
        Guid? catalogEntryId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await AgencyJurisdiction.ProblemAsync(db, agencyId, regionCode, ct) is { } region) errors["regionCode"] = [region];
        if (preferredBaseId is { } baseId && await db.ScalarAsync<int>(BaseExistsSql, new { baseId }, ct) == 0)
            errors["preferredBaseId"] = [$"No data labeling base with id {baseId}."];
        // The same answer for an unknown entry and another agency's draft, which the agency may not know exists.
        if (catalogEntryId is { } entryId && await db.ScalarAsync<int>(OwnPublishedEntrySql, new { entryId, agencyId }, ct) == 0)
            errors["catalogEntryId"] = [$"Your agency has no published catalog entry with id {entryId}."];
        return errors;
    }

    private static readonly Sql BaseExistsSql = new("select count(*) from bases where id = @baseId");
    private static readonly Sql OwnPublishedEntrySql = new("""
        select count(*) from catalog_entries where id = @entryId and agency_id = @agencyId and status = 'published'
        """);
}
