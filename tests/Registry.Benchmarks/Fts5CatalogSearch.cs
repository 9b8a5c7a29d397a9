using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Domain.Catalog;

namespace Registry.Benchmarks;

/// <summary>
/// The best the SQLite FTS5 path can do on the <see cref="CatalogDataSet"/> file, for comparison with the search index
/// (issue 20); the product's handler is not changed. The page comes straight from the FTS5 index in descending rowid
/// order and stops after 20 rows, the total is counted up to <see cref="CountCap"/> (shown as "10,000+" beyond), and the
/// exact facets are a separate query, measured on their own. Rowid order is publication order only when the projector
/// assigns <c>search_rowid</c> in publication order; the data set assigns it in entry id order, so this page is "most
/// recently indexed", not "newest first".
/// </summary>
public sealed class Fts5CatalogSearch(string connectionString)
{
    public const int CountCap = 10_001;

    public sealed record Query(string? Q = null, string? Domain = null, string? SecurityLevel = null, string? Province = null, string? Modality = null);

    public sealed record Page(int CappedTotal, IReadOnlyList<PageRow> Rows);

    /// <summary>The columns of a result on the page, as the product's page query reads them.</summary>
    public sealed class PageRow
    {
        public string EntryId { get; init; } = "";
        public string AgencyId { get; init; } = "";
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
        public string PublishedAt { get; init; } = "";
    }

    private const string PageColumns = """
        d.entry_id as EntryId, d.agency_id as AgencyId, d.agency_name_zh as AgencyNameZh, d.code as Code, d.version as Version,
        d.title as Title, d.description as Description, d.domain as Domain, d.modalities as Modalities, d.task_types as TaskTypes,
        d.volume as Volume, d.volume_unit as VolumeUnit, d.security_level as SecurityLevel, d.openness as Openness,
        d.region_code as RegionCode, d.published_at as PublishedAt
        """;

    /// <summary>The page rows of the given entries, in the given order (a search index returns ids, the database the rows).</summary>
    public IReadOnlyList<PageRow> Rows(IReadOnlyList<string> ids)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var rows = connection.Query<PageRow>($"select {PageColumns} from catalog_directory d where d.entry_id in @ids", new { ids })
            .ToDictionary(r => r.EntryId);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    public sealed record Facets(int Total, IReadOnlyList<(string Value, long Count)> Domains, IReadOnlyList<(string Value, long Count)> SecurityLevels,
        IReadOnlyList<(string Value, long Count)> Modalities);

    /// <summary>The conditions on the directory row <c>d</c> (and the FTS5 row <c>s</c>) and their parameters.</summary>
    private static (string Where, DynamicParameters Parameters) Conditions(Query q)
    {
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            conditions.Add("catalog_search match @match");
            parameters.Add("match", string.Join(" AND ", SearchTerms.Query(q.Q).Select(t => "\"" + t + "\"")));
        }
        if (q.Domain is not null) { conditions.Add("d.domain = @domain"); parameters.Add("domain", q.Domain); }
        if (q.SecurityLevel is not null) { conditions.Add("d.security_level = @securityLevel"); parameters.Add("securityLevel", q.SecurityLevel); }
        if (q.Province is not null) { conditions.Add("d.province_code = @province"); parameters.Add("province", q.Province); }
        if (q.Modality is not null)
        {
            conditions.Add("exists (select 1 from catalog_directory_modalities m where m.entry_id = d.entry_id and m.modality = @modality)");
            parameters.Add("modality", q.Modality);
        }
        return (conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions), parameters);
    }

    private static string From(Query q) => string.IsNullOrWhiteSpace(q.Q)
        ? "catalog_directory d"
        : "catalog_search s join catalog_directory d on d.search_rowid = s.rowid";

    private static string Order(Query q) => string.IsNullOrWhiteSpace(q.Q) ? "d.search_rowid desc" : "s.rowid desc";

    /// <summary>The first page in rowid order and the total counted up to the cap.</summary>
    public Page TopK(Query q)
    {
        var (where, parameters) = Conditions(q);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var rows = connection.Query<PageRow>($"select {PageColumns} from {From(q)} {where} order by {Order(q)} limit {LuceneCatalogIndex.PageSize}", parameters).AsList();
        var total = connection.ExecuteScalar<int>($"select count(*) from (select 1 from {From(q)} {where} limit {CountCap})", parameters);
        return new Page(total, rows);
    }

    /// <summary>The exact total and the three facets over the whole match set, as the product's handler counts them.</summary>
    public Facets ExactFacets(Query q)
    {
        var (where, parameters) = Conditions(q);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var cells = connection.Query<(string Domain, string Level, long Count)>(
            $"select d.domain, d.security_level, count(*) from {From(q)} {where} group by d.domain, d.security_level", parameters).AsList();
        var modalities = connection.Query<(string Value, long Count)>($"""
            select x.modality, count(*) from {From(q)} join catalog_directory_modalities x on x.entry_id = d.entry_id {where}
            group by x.modality order by count(*) desc
            """, parameters).AsList();
        return new Facets((int)cells.Sum(c => c.Count),
            cells.GroupBy(c => c.Domain).Select(g => (g.Key, g.Sum(c => c.Count))).OrderByDescending(f => f.Item2).ToList(),
            cells.GroupBy(c => c.Level).Select(g => (g.Key, g.Sum(c => c.Count))).OrderByDescending(f => f.Item2).ToList(),
            modalities);
    }
}
