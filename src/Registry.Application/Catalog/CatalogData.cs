using Registry.Application.Common;
using Registry.Domain.Catalog;

namespace Registry.Application.Catalog;

internal static class CatalogSql
{
    internal sealed class EntryRow
    {
        public Guid Id { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public string Code { get; init; } = "";
        public string Status { get; init; } = "";
        public int? DraftVersion { get; init; }
        public int? PublishedVersion { get; init; }
        public int LatestVersion { get; init; }
        public string? WithdrawnReason { get; init; }
        public long RowVersion { get; init; }
    }

    internal sealed class VersionRow
    {
        public Guid EntryId { get; init; }
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modalities { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public string SecurityLevel { get; init; } = "";
        public string Openness { get; init; } = "";
        public string? OpennessConditions { get; init; }
        public string RegionCode { get; init; } = "";
        public string SourceSystem { get; init; } = "";
        public string UpdateFrequency { get; init; } = "";
        public string Contact { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public CatalogVersionView ToView() => new()
        {
            Version = Version, Title = Title, Description = Description, Domain = Domain,
            Modalities = Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries), TaskTypes = TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Volume = Volume, VolumeUnit = VolumeUnit, SecurityLevel = SecurityLevel, Openness = Openness, OpennessConditions = OpennessConditions,
            RegionCode = RegionCode, SourceSystem = SourceSystem, UpdateFrequency = UpdateFrequency, Contact = Contact, PublishedAt = PublishedAt,
            CreatedAt = CreatedAt,
        };
    }

    public static object VersionRowOf(Guid id, int version, ICatalogContent c, DateTimeOffset now) => new
    {
        id, version, c.Title, c.Description, c.Domain, modalities = "," + string.Join(',', c.Modalities.Distinct()) + ",",
        taskTypes = "," + string.Join(',', c.TaskTypes.Distinct()) + ",", c.Volume, c.VolumeUnit, c.SecurityLevel, c.Openness,
        c.OpennessConditions, c.RegionCode, c.SourceSystem, c.UpdateFrequency, c.Contact, now,
    };

    public static readonly Sql EntrySql = new("""
        select e.id, e.agency_id, o.name_zh as agency_name_zh, e.code, e.status, e.draft_version, e.published_version, e.latest_version,
            e.withdrawn_reason, e.row_version
        from catalog_entries e join organizations o on o.id = e.agency_id
        where e.id = @id
        """);

    public const string VersionColumns = """
        entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit, security_level, openness,
        openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at
        """;

    public static readonly Sql VersionSql = new($"select {VersionColumns} from catalog_entry_versions where entry_id = @id and version = @version");

    public static readonly Sql VersionsSql = new($"select {VersionColumns} from catalog_entry_versions where entry_id = @id order by version");

    public static readonly Sql DeleteVersionSql = new("delete from catalog_entry_versions where entry_id = @id and version = @version");

    public static readonly Sql InsertVersionSql = new("""
        insert into catalog_entry_versions (entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit,
            security_level, openness, openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at)
        values (@id, @version, @title, @description, @domain, @modalities, @taskTypes, @volume, @volumeUnit, @securityLevel, @openness,
            @opennessConditions, @regionCode, @sourceSystem, @updateFrequency, @contact, null, @now)
        """);
}

internal static class CatalogReads
{
    /// <summary>The entry with the version the viewer may see; the owner sees its draft, others the published version.</summary>
    public static async Task<CatalogEntryView> ViewAsync(IQueryDb db, Guid id, bool ownerView, CancellationToken ct) =>
        await FindAsync(db, id, ownerView, ct) ?? throw new NotFound("catalog entry", id);

    public static async Task<CatalogEntryView?> FindAsync(IQueryDb db, Guid id, bool ownerView, CancellationToken ct)
    {
        var entry = await db.QuerySingleOrDefaultAsync<CatalogSql.EntryRow>(CatalogSql.EntrySql, new { id }, ct);
        if (entry is null) return null;
        var shown = ownerView ? entry.DraftVersion ?? entry.PublishedVersion : entry.PublishedVersion;
        if (shown is null) return null;
        var content = await db.QuerySingleOrDefaultAsync<CatalogSql.VersionRow>(CatalogSql.VersionSql, new { id, version = shown }, ct);
        return new CatalogEntryView
        {
            Id = entry.Id, AgencyId = entry.AgencyId, AgencyNameZh = entry.AgencyNameZh, Code = entry.Code, Status = entry.Status,
            DraftVersion = ownerView ? entry.DraftVersion : null, PublishedVersion = entry.PublishedVersion, LatestVersion = entry.LatestVersion,
            WithdrawnReason = entry.WithdrawnReason, RowVersion = entry.RowVersion, Content = content!.ToView(),
        };
    }
}

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
