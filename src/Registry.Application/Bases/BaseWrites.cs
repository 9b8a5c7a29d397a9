using Registry.Application.Common;

namespace Registry.Application.Bases;

/// <summary>Writes a base's focus domains and rebuilds its <c>base_directory</c> row, with its enterprise count, in the command's transaction.</summary>
internal static class BaseWrites
{
    public static async Task<BaseSummary> ProjectAsync(IWriteDb db, Guid id, IReadOnlyList<string> focusDomains, CancellationToken ct)
    {
        var domains = focusDomains.Distinct().ToList();
        await db.ExecuteAsync(DeleteDomainsSql, new { id }, ct);
        foreach (var domain in domains) await db.ExecuteAsync(InsertDomainSql, new { id, domain }, ct);
        await db.ExecuteAsync(DeleteDirectorySql, new { id }, ct);
        await db.ExecuteAsync(InsertDirectorySql, new { id, focusDomains = string.Join(',', domains) }, ct);
        return (await db.QuerySingleOrDefaultAsync<BaseRow>(DirectorySql, new { id }, ct))!.ToSummary();
    }

    private static readonly Sql DeleteDomainsSql = new("delete from base_focus_domains where base_id = @id");

    private static readonly Sql InsertDomainSql = new("insert into base_focus_domains (base_id, domain_code) values (@id, @domain)");

    private static readonly Sql DeleteDirectorySql = new("delete from base_directory where id = @id");

    private static readonly Sql InsertDirectorySql = new("""
        insert into base_directory (id, code, name_zh, name_en, level, region_code, region_name_zh, province_code, province_name_zh,
            focus_zh, focus_en, focus_domains, enterprise_count, version, updated_at)
        select b.id, b.code, b.name_zh, b.name_en, b.level, r.code, r.name_zh, p.code, p.name_zh, b.focus_zh, b.focus_en,
            @focusDomains, (select count(*) from enterprise_profiles e where e.base_id = b.id), b.row_version, b.updated_at
        from bases b
        join regions r on r.code = b.region_code
        join regions p on p.code = case when r.level = 'city' then r.parent_code else r.code end
        where b.id = @id
        """);

    private static readonly Sql DirectorySql = new($"select {BaseRow.Columns} from base_directory where id = @id");
}
