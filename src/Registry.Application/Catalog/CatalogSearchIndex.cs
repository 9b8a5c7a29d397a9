using Registry.Application.Common;
using Registry.Application.Common.Search;

namespace Registry.Application.Catalog;

/// <summary>One published entry as the search index holds it: what the filters, facets and orders read, and its search terms.</summary>
public sealed record CatalogIndexDocument(
    Guid EntryId, string Terms, string Domain, IReadOnlyList<string> Modalities, IReadOnlyList<string> TaskTypes, string SecurityLevel,
    string Openness, string RegionCode, Guid AgencyId, DateTimeOffset PublishedAt);

/// <summary>
/// A catalog search as both engines answer it: the full-text groups of <see cref="Domain.Catalog.SearchSynonyms.Expand"/> (every
/// group must match, any alternative of a group, every term of an alternative), the list filters (any value of a list, every
/// list), the region scope and the agency, the order, and the rows wanted.
/// </summary>
public sealed record CatalogCriteria(
    IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Terms, IReadOnlyList<string> Domain, IReadOnlyList<string> Modality,
    IReadOnlyList<string> TaskType, IReadOnlyList<string> SecurityLevel, IReadOnlyList<string> Openness, RegionScope Scope, Guid? AgencyId,
    bool ByRelevance, int Offset, int Limit)
{
    /// <summary>The answer for these criteria's page.</summary>
    public CatalogSearchResult Result(IReadOnlyList<CatalogSummary> items, int total, CatalogFacets facets) =>
        new(items, total, Offset / Limit + 1, Limit, facets);
}

/// <summary>The exact total, the entries of the page in order (none when a relevance order was asked of too many matches), and the facets.</summary>
public sealed record CatalogIndexAnswer(int Total, IReadOnlyList<Guid> Page, CatalogFacets Facets);

/// <summary>
/// This instance's search index of the published catalog (decision 0012): the same entries, terms and filters as
/// <c>catalog_directory</c>, from which it is loaded and to which <see cref="CatalogSearchFeed"/> keeps it equal. It answers
/// the ids of a page, the exact total and the facets; the rows themselves are read from the database.
/// </summary>
public interface ICatalogSearchIndex : ISearchIndex<CatalogIndexDocument>
{
    /// <summary>
    /// The total, facets and page of a search. A relevance order over more than <see cref="SearchLimits.RankableMatches"/>
    /// matches ranks nothing and returns an empty page: the caller refuses it.
    /// </summary>
    CatalogIndexAnswer Search(CatalogCriteria criteria);
}

/// <summary>Catalog search answered by this instance's index: the ids, total and facets from it, the rows from the database.</summary>
internal static class CatalogIndexSearch
{
    public static async Task<CatalogSearchResult> SearchAsync(IQueryDb db, ICatalogSearchIndex index, CatalogCriteria c, CancellationToken ct)
    {
        var answer = index.Search(c);
        if (answer.Total == 0) return c.Result([], 0, CatalogFacets.None);
        if (c.ByRelevance) SearchLimits.EnsureRankable(answer.Total);
        return c.Result(await CatalogDatabaseSearch.RowsAsync(db, answer.Page, ct), answer.Total, answer.Facets);
    }
}
