using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Catalog;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>A published catalog entry as a search result.</summary>
public sealed record CatalogSummary
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required string Code { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Domain { get; init; }
    public required IReadOnlyList<string> Modalities { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required string SecurityLevel { get; init; }
    public required string Openness { get; init; }
    public required string RegionCode { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
}

public sealed record FacetCount
{
    public required string Value { get; init; }
    public required int Count { get; init; }
}

/// <summary>Counts of the matching entries per value, for the current filter.</summary>
public sealed record CatalogFacets(IReadOnlyList<FacetCount> Domains, IReadOnlyList<FacetCount> Modalities, IReadOnlyList<FacetCount> SecurityLevels);

public sealed record CatalogSearchResult(IReadOnlyList<CatalogSummary> Items, int Total, int PageNumber, int PageSize, CatalogFacets Facets);

/// <summary>
/// Searches the published entries of the public data labeling directory: full text over code, title, description and
/// agency (Chinese words of two characters or more work; synonyms count), filters, facets and paging; newest first, or by relevance
/// (<c>sort=relevance</c>, with <c>q</c>). Domain, modality, task type, security
/// level and openness take several values: any of them matches; separate filters must all match.
/// </summary>
[Public]
public sealed record SearchCatalog(string? Q, IReadOnlyList<string>? Domain, IReadOnlyList<string>? Modality, IReadOnlyList<string>? TaskType,
    IReadOnlyList<string>? SecurityLevel, IReadOnlyList<string>? Openness, string? Region, Guid? AgencyId, string? Sort = null, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<CatalogSearchResult>, IPaged;

public sealed class SearchCatalogValidator : AbstractValidator<SearchCatalog>
{
    public static readonly string[] Sorts = ["published", "relevance"];

    public SearchCatalogValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).PlainText(TextRules.QueryLength);
        this.Sort(x => x.Sort, Sorts, x => x.Q);
        this.ClosedList(x => x.Domain, IndustryDomains.IsKnown, () => Texts.Get("validation.unknown_domain"));
        this.ClosedList(x => x.Modality, Modalities.IsKnown, () => Texts.Get("validation.unknown_modality"));
        this.ClosedList(x => x.TaskType, TaskTypes.IsKnown, () => Texts.Get("validation.unknown_task_type"));
        this.ClosedList(x => x.SecurityLevel, DataSecurityLevels.IsKnown, () => Texts.Get("validation.security_level"));
        this.ClosedList(x => x.Openness, Openness.IsKnown, () => Texts.Get("validation.openness"));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
    }
}

internal sealed class SearchCatalogHandler(IReadDb db, SearchSynonyms synonyms) : IRequestHandler<SearchCatalog, CatalogSearchResult>
{
    public async Task<CatalogSearchResult> Handle(SearchCatalog q, CancellationToken ct)
    {
        var terms = synonyms.Expand(q.Q);
        if (!string.IsNullOrWhiteSpace(q.Q) && terms.Count == 0)
            return new CatalogSearchResult([], 0, q.Page, q.PageSize, new CatalogFacets([], [], []));
        var scope = RegionScope.Filter(q.Region);
        string[] domain = Values(q.Domain), modality = Values(q.Modality), taskType = Values(q.TaskType),
            securityLevel = Values(q.SecurityLevel), openness = Values(q.Openness);
        var sent = (terms.Count > 0 ? Filters.FullText : 0) | (domain.Length > 0 ? Filters.Domain : 0)
            | (modality.Length > 0 ? Filters.Modality : 0) | (taskType.Length > 0 ? Filters.TaskType : 0)
            | (securityLevel.Length > 0 ? Filters.SecurityLevel : 0) | (openness.Length > 0 ? Filters.Openness : 0)
            | (!scope.IsEverything ? Filters.Region : 0) | (q.AgencyId is not null ? Filters.AgencyId : 0);
        var filter = new
        {
            fullText = terms.Count == 0 ? null : db.Dialect.FullTextQuery(terms), domain, modality, taskType, securityLevel, openness,
            scope, q.AgencyId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };

        // One pass gives the total and the domain and security level facets: counts per (domain, security level).
        var cells = await db.QueryAsync<FacetCell>(FacetCellsSql[(int)sent], filter, ct);
        var total = (int)cells.Sum(c => c.Count);
        if (total == 0)
            return new CatalogSearchResult([], 0, q.Page, q.PageSize, new CatalogFacets([], [], []));
        var byRelevance = q.Sort == "relevance" && sent.HasFlag(Filters.FullText);
        if (byRelevance) SearchLimits.EnsureRankable(total);
        var page = byRelevance ? PageByRelevanceSql[(int)sent] : PageSql[(int)sent];
        var items = filter.offset >= total ? [] : await db.QueryAsync<Row>(page, filter, ct);
        var modalities = await db.QueryAsync<FacetCount>(ModalityFacetSql[(int)sent], filter, ct);
        var facets = new CatalogFacets(Facet(cells, c => c.Value), modalities, Facet(cells, c => c.Level));
        return new CatalogSearchResult(items.Select(r => r.ToSummary()).ToList(), total, q.Page, q.PageSize, facets);
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();

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

    private static Sql Page(Filters sent, bool byRelevance = false) => new(d => $"""
        select d.entry_id, d.agency_id, d.agency_name_zh, d.code, d.version, d.title, d.description, d.domain, d.modalities, d.task_types,
            d.volume, d.volume_unit, d.security_level, d.openness, d.region_code, d.published_at
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
