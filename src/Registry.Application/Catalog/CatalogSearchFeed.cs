using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Common.Search;

namespace Registry.Application.Catalog;

/// <summary>
/// Loads this instance's <see cref="ICatalogSearchIndex"/> from <c>catalog_directory</c> and keeps it equal to it from the
/// outbox (<see cref="SearchIndexFeed{TDocument}"/>): for every <c>catalog.published</c> or <c>catalog.withdrawn</c> event the
/// entry's directory row is read again, and for an agency's <c>organization.identity_changed</c> every entry of the agency.
/// </summary>
public sealed class CatalogSearchFeed(IServiceScopeFactory scopes, ICatalogSearchIndex index, SearchOptions options)
    : SearchIndexFeed<CatalogIndexDocument>(scopes, index, options.LoadOnDemand)
{
    protected override IAsyncEnumerable<CatalogIndexDocument> AllAsync(IQueryDb db, CancellationToken ct) =>
        ChunksAsync<Row>(db, ChunkSql, r => r.EntryId, r => r.ToDocument(), ct);

    protected override async Task<(IReadOnlyCollection<CatalogIndexDocument> Upserts, IReadOnlyCollection<Guid> Removals)> ChangesAsync(
        IQueryDb db, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var entries = new HashSet<Guid>();
        var agencies = new HashSet<Guid>();
        foreach (var e in batch)
        {
            if (!Guid.TryParse(e.EntityId, out var id)) continue;
            if (e.Type is "catalog.published" or "catalog.withdrawn") entries.Add(id);
            else if (e.Type == "organization.identity_changed") agencies.Add(id);
        }

        var upserts = new Dictionary<Guid, CatalogIndexDocument>();
        foreach (var id in entries)
            if (await db.QuerySingleOrDefaultAsync<Row>(ByIdSql, new { id }, ct) is { } row) upserts[id] = row.ToDocument();
        foreach (var agency in agencies)
            foreach (var row in await db.QueryAsync<Row>(ByAgencySql, new { agency }, ct)) upserts[row.EntryId] = row.ToDocument();
        return (upserts.Values, entries.Where(id => !upserts.ContainsKey(id)).ToList());
    }

    private const string Columns = """
        entry_id, terms, domain, modalities, task_types, security_level, openness, region_code, agency_id, published_at
        """;

    private static readonly Sql ChunkSql = new(d => $"select {Columns} from catalog_directory where entry_id > @after order by entry_id {d.Page}");
    private static readonly Sql ByIdSql = new($"select {Columns} from catalog_directory where entry_id = @id");
    private static readonly Sql ByAgencySql = new($"select {Columns} from catalog_directory where agency_id = @agency");

    private sealed class Row
    {
        public Guid EntryId { get; init; }
        public string Terms { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modalities { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public string SecurityLevel { get; init; } = "";
        public string Openness { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid AgencyId { get; init; }
        public DateTimeOffset PublishedAt { get; init; }

        public CatalogIndexDocument ToDocument() => new(EntryId, Terms, Domain, Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), SecurityLevel, Openness, RegionCode, AgencyId, PublishedAt);
    }
}
