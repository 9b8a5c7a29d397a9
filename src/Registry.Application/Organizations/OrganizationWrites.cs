using Registry.Application.Common;
using Registry.Domain.Regions;

namespace Registry.Application.Organizations;

/// <summary>What creating an organization and changing its identity both check before they write.</summary>
internal static class OrganizationWrites
{
    /// <summary>The region must exist and the credit code belong to no other organization; both reported together as field errors.</summary>
    public static async Task EnsureAsync(IWriteDb db, RegionDirectory regions, Guid id, string regionCode, string creditCode, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (RegionRules.ProblemOf(regions, regionCode) is { } region) errors["regionCode"] = [region];
        if (await db.ScalarAsync<int>(CreditCodeTakenSql, new { creditCode, id }, ct) > 0)
            errors["creditCode"] = [$"The unified social credit code {creditCode} is already registered."];
        if (errors.Count > 0) throw new ValidationFailed(errors);
    }

    public static readonly Sql InsertSql = new("""
        insert into organizations (id, name_zh, name_en, kind, region_code, credit_code, contact_email, active, row_version, created_at, updated_at)
        values (@id, @nameZh, @nameEn, @kind, @regionCode, @creditCode, @contactEmail, @active, 1, @now, @now)
        """);

    private static readonly Sql CreditCodeTakenSql = new("select count(*) from organizations where credit_code = @creditCode and id <> @id");
}
