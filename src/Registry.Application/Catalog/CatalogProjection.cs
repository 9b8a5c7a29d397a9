using Registry.Application.Common;
using Registry.Domain.Catalog;

namespace Registry.Application.Catalog;

/// <summary>Keeps <c>catalog_directory</c>, its filter tables and the full-text index in step with published entries.</summary>
internal static class CatalogProjection
{
    public static async Task PublishAsync(IWriteDb db, Guid id, CancellationToken ct)
    {
        await RemoveAsync(db, id, ct);
        await db.ExecuteAsync(InsertSql, new { id }, ct);
        var row = await db.QuerySingleOrDefaultAsync<TermsRow>(TermsSourceSql, new { id }, ct);
        var terms = SearchTerms.Index(row!.Code, row.Title, row.Description, row.AgencyNameZh);
        await db.ExecuteAsync(SetTermsSql, new { id, terms }, ct);
        await db.ExecuteAsync(FullTextWriteSql, new { key = id, terms }, ct);
        foreach (var modality in row.Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries))
            await db.ExecuteAsync(InsertModalitySql, new { id, modality }, ct);
        foreach (var taskType in row.TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            await db.ExecuteAsync(InsertTaskTypeSql, new { id, taskType }, ct);
    }

    public static async Task RemoveAsync(IWriteDb db, Guid id, CancellationToken ct)
    {
        await db.ExecuteAsync(FullTextDeleteSql, new { key = id }, ct); // finds the FTS5 row through the directory row
        await db.ExecuteAsync(DeleteSql, new { id }, ct);
        await db.ExecuteAsync(DeleteModalitiesSql, new { id }, ct);
        await db.ExecuteAsync(DeleteTaskTypesSql, new { id }, ct);
    }

    private sealed class TermsRow
    {
        public string Code { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string AgencyNameZh { get; init; } = "";
        public string Modalities { get; init; } = "";
        public string TaskTypes { get; init; } = "";
    }

    private static readonly Sql DeleteSql = new("delete from catalog_directory where entry_id = @id");
    private static readonly Sql DeleteModalitiesSql = new("delete from catalog_directory_modalities where entry_id = @id");
    private static readonly Sql DeleteTaskTypesSql = new("delete from catalog_directory_task_types where entry_id = @id");
    private static readonly Sql FullTextWriteSql = new(d => d.FullTextIndexWrite("catalog_search", "catalog_directory", "entry_id", "search_rowid"));
    private static readonly Sql FullTextDeleteSql = new(d => d.FullTextIndexDelete("catalog_search", "catalog_directory", "entry_id", "search_rowid"));
    private static readonly Sql InsertModalitySql = new("insert into catalog_directory_modalities (entry_id, modality) values (@id, @modality)");
    private static readonly Sql InsertTaskTypeSql = new("insert into catalog_directory_task_types (entry_id, task_type) values (@id, @taskType)");
    private static readonly Sql SetTermsSql = new("update catalog_directory set terms = @terms where entry_id = @id");

    private static readonly Sql InsertSql = new("""
        insert into catalog_directory (entry_id, agency_id, agency_name_zh, code, version, title, description, domain, modalities, task_types,
            volume, volume_unit, security_level, openness, region_code, province_code, published_at, terms)
        select e.id, e.agency_id, o.name_zh, e.code, v.version, v.title, v.description, v.domain, v.modalities, v.task_types, v.volume,
            v.volume_unit, v.security_level, v.openness, v.region_code,
            case when r.level = 'city' then r.parent_code else r.code end, v.published_at, ''
        from catalog_entries e
        join organizations o on o.id = e.agency_id
        join catalog_entry_versions v on v.entry_id = e.id and v.version = e.published_version
        join regions r on r.code = v.region_code
        where e.id = @id
        """);

    private static readonly Sql TermsSourceSql = new("""
        select code, title, description, agency_name_zh, modalities, task_types from catalog_directory where entry_id = @id
        """);
}
