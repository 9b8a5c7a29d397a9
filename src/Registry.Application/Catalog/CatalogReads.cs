using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>Catalog entries and their versions as their agency and the public read them.</summary>
internal static class CatalogReads
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
        /// <summary>The region of its latest version.</summary>
        public string RegionCode { get; init; } = "";
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

    public static readonly Sql EntrySql = new("""
        select e.id, e.agency_id, o.name_zh as agency_name_zh, e.code, e.status, e.draft_version, e.published_version, e.latest_version,
            e.withdrawn_reason, e.row_version, v.region_code
        from catalog_entries e
        join organizations o on o.id = e.agency_id
        join catalog_entry_versions v on v.entry_id = e.id and v.version = e.latest_version
        where e.id = @id
        """);

    public const string VersionColumns = """
        entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit, security_level, openness,
        openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at
        """;

    public static readonly Sql VersionSql = new($"select {VersionColumns} from catalog_entry_versions where entry_id = @id and version = @version");

    public static readonly Sql VersionsSql = new($"select {VersionColumns} from catalog_entry_versions where entry_id = @id order by version");

    /// <summary>The entry with the version the viewer may see; the owner sees its draft, others the published version.</summary>
    public static async Task<CatalogEntryView> ViewAsync(IQueryDb db, Guid id, bool ownerView, CancellationToken ct) =>
        await FindAsync(db, id, ownerView, ct) ?? throw new NotFound("catalog entry", id);

    public static async Task<CatalogEntryView?> FindAsync(IQueryDb db, Guid id, bool ownerView, CancellationToken ct)
    {
        var entry = await db.QuerySingleOrDefaultAsync<EntryRow>(EntrySql, new { id }, ct);
        if (entry is null) return null;
        var shown = ownerView ? entry.DraftVersion ?? entry.PublishedVersion : entry.PublishedVersion;
        if (shown is null) return null;
        var content = await db.QuerySingleOrDefaultAsync<VersionRow>(VersionSql, new { id, version = shown }, ct);
        return new CatalogEntryView
        {
            Id = entry.Id, AgencyId = entry.AgencyId, AgencyNameZh = entry.AgencyNameZh, Code = entry.Code, Status = entry.Status,
            DraftVersion = ownerView ? entry.DraftVersion : null, PublishedVersion = entry.PublishedVersion, LatestVersion = entry.LatestVersion,
            WithdrawnReason = entry.WithdrawnReason, RowVersion = entry.RowVersion, Content = content!.ToView(),
        };
    }

    /// <summary>The entry as the visibility rule sees it: its agency's alone until a version of it is published.</summary>
    public static VisibleItem Item(EntryRow entry) => VisibleItem.CatalogEntry(entry.AgencyId, entry.RegionCode, entry.PublishedVersion is not null);

    /// <summary>Whether the caller may see the entry's drafts: its agency, the operator or the system.</summary>
    public static async Task<bool> IsOwnerAsync(IQueryDb db, ICaller caller, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<EntryRow>(EntrySql, new { id }, ct) is { } entry
        && caller.Sight(Item(entry)).Refuses(Act.AsPartyOrOperator) is null;
}
