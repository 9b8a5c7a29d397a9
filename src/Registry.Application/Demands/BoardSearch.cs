using Registry.Application.Common;
using Registry.Application.Common.Search;

namespace Registry.Application.Demands;

/// <summary>The orders of the demand board.</summary>
public enum BoardOrder
{
    /// <summary>Bid deadline, soonest first, then by id.</summary>
    Deadline,

    /// <summary>Budget ceiling, largest first, then by id.</summary>
    Budget,

    /// <summary>Best match of the keywords first (BM25), then by deadline and id; only with keywords.</summary>
    Relevance,
}

/// <summary>
/// A demand board search as both engines answer it: the full-text groups of <see cref="Domain.Catalog.SearchSynonyms.Expand"/>
/// (every group must match, any alternative of a group, every term of an alternative), the list filters (any value of a list,
/// every list), the region scope, the base, the budget and deadline ranges (bounds included), the order and the rows wanted.
/// </summary>
public sealed record BoardCriteria(
    IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Terms, IReadOnlyList<string> Status, IReadOnlyList<string> Domain,
    IReadOnlyList<string> Modality, RegionScope Scope, Guid? BaseId, decimal? MinBudget, decimal? MaxBudget, DateTimeOffset? DeadlineFrom,
    DateTimeOffset? DeadlineTo, BoardOrder Order, int Offset, int Limit)
{
    /// <summary>The answer for these criteria's page.</summary>
    public Page<DemandView> Result(IReadOnlyList<DemandView> items, int total) => new(items, total, Offset / Limit + 1, Limit);
}

/// <summary>One published demand as the board's search index holds it: what the filters and orders read, and its search terms.</summary>
public sealed record BoardIndexDocument(
    Guid Id, string Terms, string Status, string Domain, string Modality, string RegionCode, Guid? PreferredBaseId, decimal BudgetCeiling,
    DateTimeOffset BidDeadline);

/// <summary>The exact total and the demands of the page in order (none when a relevance order was asked of too many matches).</summary>
public sealed record BoardIndexAnswer(int Total, IReadOnlyList<Guid> Page);

/// <summary>
/// This instance's search index of the published demands (decision 0012): the same demands, terms and filters as the
/// <c>demands</c> table, from which it is loaded and to which <see cref="BoardSearchFeed"/> keeps it equal. It answers the
/// ids of a page and the exact total; the rows themselves are read from the database.
/// </summary>
public interface IBoardSearchIndex : ISearchIndex<BoardIndexDocument>
{
    /// <summary>
    /// The total and page of a search. A relevance order over more than <see cref="SearchLimits.RankableMatches"/> matches ranks
    /// nothing and returns an empty page: the caller refuses it.
    /// </summary>
    BoardIndexAnswer Search(BoardCriteria criteria);
}

/// <summary>A board search answered by this instance's index: the ids and total from it, the rows from the database.</summary>
internal static class BoardIndexSearch
{
    public static async Task<Page<DemandView>> SearchAsync(IQueryDb db, IBoardSearchIndex index, BoardCriteria c, CancellationToken ct)
    {
        var answer = index.Search(c);
        if (answer.Total == 0) return c.Result([], 0);
        if (c.Order == BoardOrder.Relevance) SearchLimits.EnsureRankable(answer.Total);
        return c.Result(await BoardDatabaseSearch.RowsAsync(db, answer.Page, ct), answer.Total);
    }
}
