using Registry.Application.Common;
using Registry.Domain.Organizations;

namespace Registry.Application.Organizations;

/// <summary>Reads an organization's registered identity (name, credit code, region) and kind.</summary>
internal static class OrganizationIdentities
{
    public static async Task<(OrganizationIdentity Identity, string Kind)?> FindAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<Row>(Sql, new { id }, ct) is { } row
            ? (new OrganizationIdentity(row.NameZh, row.CreditCode, row.RegionCode), row.Kind)
            : null;

    /// <summary>The field errors of a declared identity that differs from the registered one.</summary>
    public static Dictionary<string, string[]> Mismatches(OrganizationIdentity registered, string? nameZh, string? creditCode, string? regionCode,
        string nameField = "legalName") =>
        registered.Mismatches(nameZh, creditCode, regionCode).ToDictionary(
            m => m.Key == "legalName" ? nameField : m.Key,
            m => new[]
            {
                $"The operator registered '{m.Value}' for this organization; it changes only through an identity change with a reason " +
                "(POST /api/v1/organizations/{id}/identity-changes, by the operator or a regulator of the old and new region).",
            });

    private sealed class Row
    {
        public string NameZh { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string Kind { get; init; } = "";
    }

    private static readonly Sql Sql = new("select name_zh, credit_code, region_code, kind from organizations where id = @id");
}
