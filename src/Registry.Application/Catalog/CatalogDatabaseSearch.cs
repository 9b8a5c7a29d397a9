using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Registry.Application.Common;

namespace Registry.Application.Catalog;

/// <summary>
/// Catalog search answered by the database alone: the full-text index of each provider (FTS5, a GIN index on the terms, SQL
/// Server full-text), <c>group by</c> facets, and one statement per combination of sent filters. It answers while this
/// instance's search index loads, with <c>Search:Engine=Database</c>, and in the tests that hold the index to it.
/// </summary>
internal static class CatalogDatabaseSearch
{
    public static async Task<CatalogSearchResult> SearchAsync(IQueryDb db, CatalogCriteria c, CancellationToken ct)
    {
        var sent = (c.Terms.Count > 0 ? Filters.FullText : 0) | (c.Domain.Count > 0 ? Filters.Domain : 0)
            | (c.Modality.Count > 0 ? Filters.Modality : 0) | (c.TaskType.Count > 0 ? Filters.TaskType : 0)
            | (c.SecurityLevel.Count > 0 ? Filters.SecurityLevel : 0) | (c.Openness.Count > 0 ? Filters.Openness : 0)
            | (!c.Scope.IsEverything ? Filters.Region : 0) | (c.AgencyId is not null ? Filters.AgencyId : 0);
        var filter = new
        {
            fullText = c.Terms.Count == 0 ? null : db.Dialect.FullTextQuery(c.Terms), domain = c.Domain.ToArray(), modality = c.Modality.ToArray(),
            taskType = c.TaskType.ToArray(), securityLevel = c.SecurityLevel.ToArray(), openness = c.Openness.ToArray(),
            scope = c.Scope, c.AgencyId, offset = c.Offset, limit = c.Limit,
        };

        // One pass gives the total and the domain and security level facets: counts per (domain, security level).
        var cells = await db.QueryAsync<FacetCell>(FacetCellsSql[(int)sent], filter, ct);
        var total = (int)cells.Sum(x => x.Count);
        if (total == 0) return c.Result([], 0, CatalogFacets.None);
        var byRelevance = c.ByRelevance && sent.HasFlag(Filters.FullText);
        if (byRelevance) SearchLimits.EnsureRankable(total);
        var page = byRelevance ? PageByRelevanceSql[(int)sent] : PageSql[(int)sent];
        var items = filter.offset >= total ? [] : await db.QueryAsync<Row>(page, filter, ct);
        var modalities = await db.QueryAsync<FacetCount>(ModalityFacetSql[(int)sent], filter, ct);
        var facets = new CatalogFacets(Facet(cells, x => x.Value), modalities, Facet(cells, x => x.Level));
        return c.Result(items.Select(r => r.ToSummary()).ToList(), total, facets);
    }

    /// <summary>The directory rows of the entries, in the order given; an entry withdrawn meanwhile is left out.</summary>
    public static async Task<IReadOnlyList<CatalogSummary>> RowsAsync(IQueryDb db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        // One parameter per id: a list parameter would bypass the GUID handler that stores SQLite's ids as text.
        var parameters = new DynamicParameters();
        for (var i = 0; i < ids.Count; i++) parameters.Add("id" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        var rows = (await db.QueryAsync<Row>(RowsSql.GetOrAdd(ids.Count, RowsOf), parameters, ct)).ToDictionary(r => r.EntryId);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToSummary()).ToList();
    }

    /// <summary>Counts summed per value, largest first, then by value (the values are lower-case ASCII codes).</summary>
    private static List<FacetCount> Facet(IEnumerable<FacetCell> cells, Func<FacetCell, string> value) =>
        cells.GroupBy(value, StringComparer.Ordinal)
            .Select(g => new FacetCount { Value = g.Key, Count = (int)g.Sum(c => c.Count) })
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>The filters a search sent; only those are written into the <c>where</c>, so that each can use an index.</summary>
    [Flags]
    private enum Filters
    {
        FullText = 1, Domain = 2, Modality = 4, TaskType = 8, SecurityLevel = 16, Openness = 32, Region = 64, AgencyId = 128,
        All = 255,
        /// <summary>The filters that are answered by the child tables alone, without the directory row.</summary>
        Children = Modality | TaskType,
    }

    /// <summary>The conditions of the sent filters, on the directory row <c>d</c> (or, for the child tables, on <paramref name="key"/>).</summary>
    private static IEnumerable<string> Conditions(ISqlDialect d, Filters sent, string key = "d.entry_id")
    {
        if (sent.HasFlag(Filters.FullText)) yield return d.FullTextMatch("catalog_search", "d.search_rowid", "d.terms");
        if (sent.HasFlag(Filters.Domain)) yield return d.InList("d.domain", "@domain");
        if (sent.HasFlag(Filters.Modality)) yield return $"{key} in (select m.entry_id from catalog_directory_modalities m where {d.InList("m.modality", "@modality")})";
        if (sent.HasFlag(Filters.TaskType)) yield return $"{key} in (select t.entry_id from catalog_directory_task_types t where {d.InList("t.task_type", "@taskType")})";
        if (sent.HasFlag(Filters.SecurityLevel)) yield return d.InList("d.security_level", "@securityLevel");
        if (sent.HasFlag(Filters.Openness)) yield return d.InList("d.openness", "@openness");
        if (sent.HasFlag(Filters.Region)) yield return RegionScope.Sql("d.region_code");
        if (sent.HasFlag(Filters.AgencyId)) yield return "d.agency_id = @agencyId";
    }

    private static string Where(ISqlDialect d, Filters sent, string key = "d.entry_id")
    {
        var conditions = Conditions(d, sent, key).ToList();
        return conditions.Count == 0 ? "" : "where " + string.Join("\n  and ", conditions);
    }

    private static Sql FacetCells(Filters sent) => new(d => $"""
        select d.domain as value, d.security_level as level, count(*) as count
        from catalog_directory d {Where(d, sent)}
        group by d.domain, d.security_level
        """);

    private const string RowColumns = """
        d.entry_id, d.agency_id, d.agency_name_zh, d.code, d.version, d.title, d.description, d.domain, d.modalities, d.task_types,
            d.volume, d.volume_unit, d.security_level, d.openness, d.region_code, d.published_at
        """;

    private static readonly ConcurrentDictionary<int, Sql> RowsSql = new();

    private static Sql RowsOf(int count) => new($"select {RowColumns} from catalog_directory d where d.entry_id in ("
        + string.Join(", ", Enumerable.Range(0, count).Select(i => "@id" + i.ToString(CultureInfo.InvariantCulture))) + ")");

    private static Sql Page(Filters sent, bool byRelevance = false) => new(d => $"""
        select {RowColumns}
        from catalog_directory d {(byRelevance ? d.FullTextRankJoin("catalog_search", "catalog_directory", "d", "entry_id") : "")} {Where(d, sent)}
        order by {(byRelevance ? d.FullTextRank("d") + ", " : "")}d.published_at desc, d.entry_id {d.Page}
        """);

    // Every modality row belongs to a directory row (the projection writes and removes them together), so without a
    // filter on the directory row itself the facet reads the modality table alone.
    private static Sql ModalityFacet(Filters sent) => (sent & ~Filters.Children) == 0
        ? new(d => $"""
            select x.modality as value, count(*) as count
            from catalog_directory_modalities x {Where(d, sent, "x.entry_id")}
            group by x.modality order by count(*) desc, x.modality
            """)
        : new(d => $"""
            select x.modality as value, count(*) as count
            from catalog_directory_modalities x join catalog_directory d on d.entry_id = x.entry_id
            {Where(d, sent)}
            group by x.modality order by count(*) desc, x.modality
            """);

    // One statement per combination of sent filters (256), each rendered per dialect when first used; the SQL Server parse
    // test parses every element.
    private static readonly Sql[] FacetCellsSql = Enumerable.Range(0, (int)Filters.All + 1).Select(f => FacetCells((Filters)f)).ToArray();
    private static readonly Sql[] PageSql = Enumerable.Range(0, (int)Filters.All + 1).Select(f => Page((Filters)f)).ToArray();
    // Relevance needs the full-text match: the combinations without it keep the newest-first page.
    private static readonly Sql[] PageByRelevanceSql = Enumerable.Range(0, (int)Filters.All + 1)
        .Select(f => ((Filters)f).HasFlag(Filters.FullText) ? Page((Filters)f, byRelevance: true) : PageSql[f]).ToArray();
    private static readonly Sql[] ModalityFacetSql = Enumerable.Range(0, (int)Filters.All + 1).Select(f => ModalityFacet((Filters)f)).ToArray();

    private sealed class FacetCell
    {
        public string Value { get; init; } = "";
        public string Level { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class Row
    {
        public Guid EntryId { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public string Code { get; init; } = "";
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
        public string RegionCode { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }

        public CatalogSummary ToSummary() => new()
        {
            Id = EntryId, AgencyId = AgencyId, AgencyNameZh = AgencyNameZh, Code = Code, Version = Version, Title = Title, Description = Description,
            Domain = Domain, Modalities = Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            TaskTypes = TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), Volume = Volume, VolumeUnit = VolumeUnit,
            SecurityLevel = SecurityLevel, Openness = Openness, RegionCode = RegionCode, PublishedAt = PublishedAt,
        };
    }
}
