using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>
/// The demand board answered by the database: its full-text index (SQLite FTS5, PostgreSQL <c>tsvector</c>, SQL Server full-text)
/// and the board's covering indexes. Always used with <c>Search:Engine=Database</c>, and while the index loads.
/// </summary>
internal static class BoardDatabaseSearch
{
    public static async Task<Page<DemandView>> SearchAsync(IQueryDb db, BoardCriteria c, CancellationToken ct)
    {
        var keywords = c.Terms.Count > 0 ? 1 : 0;
        var filter = new
        {
            fullText = keywords == 0 ? null : db.Dialect.FullTextQuery(c.Terms), status = c.Status.ToArray(), domain = c.Domain.ToArray(),
            domainCount = c.Domain.Count, modality = c.Modality.ToArray(), modalityCount = c.Modality.Count, scope = c.Scope, c.BaseId, c.MinBudget,
            c.MaxBudget, deadlineFrom = c.DeadlineFrom?.ToUniversalTime(), deadlineTo = c.DeadlineTo?.ToUniversalTime(), offset = c.Offset, limit = c.Limit,
        };
        var order = c.Order switch { BoardOrder.Budget => ByBudgetSql, BoardOrder.Relevance => ByRelevanceSql, _ => ByDeadlineSql };
        var total = await db.ScalarAsync<int>(CountSql[keywords], filter, ct);
        if (c.Order == BoardOrder.Relevance) SearchLimits.EnsureRankable(total);
        var rows = total == 0 || c.Offset >= total ? [] : await db.QueryAsync<DemandReads.DemandRow>(order[keywords], filter, ct);
        return c.Result(rows.Select(r => r.ToView()).ToList(), total);
    }

    /// <summary>The demands of <paramref name="ids"/>, in that order.</summary>
    public static async Task<IReadOnlyList<DemandView>> RowsAsync(IQueryDb db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        // One parameter per id: a list parameter would bypass the GUID handler that stores SQLite's ids as text.
        var parameters = new DynamicParameters();
        for (var i = 0; i < ids.Count; i++) parameters.Add("id" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        var rows = (await db.QueryAsync<DemandReads.DemandRow>(RowsSql.GetOrAdd(ids.Count, RowsOf), parameters, ct)).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToView()).ToList();
    }

    private static readonly ConcurrentDictionary<int, Sql> RowsSql = new();

    private static Sql RowsOf(int count) => new($"{DemandReads.Select} where d.id in ("
        + string.Join(", ", Enumerable.Range(0, count).Select(i => "@id" + i.ToString(CultureInfo.InvariantCulture))) + ")");

    /// <summary>The conditions; the full-text one only when keywords were sent, so that the planner can start from the index.</summary>
    private static string Where(ISqlDialect d, bool keywords) => $"""
        where {d.InList("d.status", "@status")}{(keywords ? "\n  and " + d.FullTextMatch("demand_search", "d.search_rowid", "d.terms") : "")}
          and (@domainCount = 0 or {d.InList("d.domain", "@domain")})
          and (@modalityCount = 0 or {d.InList("d.modality", "@modality")})
          and {RegionScope.Sql("d.region_code")}
          and (@baseId is null or d.preferred_base_id = @baseId)
          and (@minBudget is null or d.budget_ceiling >= @minBudget)
          and (@maxBudget is null or d.budget_ceiling <= @maxBudget)
          and (@deadlineFrom is null or d.bid_deadline >= @deadlineFrom)
          and (@deadlineTo is null or d.bid_deadline <= @deadlineTo)
        """;

    // Indexed by whether keywords were sent (0 or 1).
    private static readonly Sql[] CountSql = [.. Both(k => new Sql(d => $"select count(*) from demands d {Where(d, k)}"))];
    private static readonly Sql[] ByDeadlineSql = [.. Both(k => new Sql(d => $"{DemandReads.Select} {Where(d, k)} order by d.bid_deadline, d.id {d.Page}"))];
    private static readonly Sql[] ByBudgetSql = [.. Both(k => new Sql(d => $"{DemandReads.Select} {Where(d, k)} order by d.budget_ceiling desc, d.id {d.Page}"))];
    // Without keywords relevance is refused by the validator; the deadline order stands in so that the array is complete.
    private static readonly Sql[] ByRelevanceSql =
    [
        ByDeadlineSql[0],
        new(d => $"{DemandReads.Select} {d.FullTextRankJoin("demand_search", "demands", "d", "id")} {Where(d, true)} order by {d.FullTextRank("d")}, d.bid_deadline, d.id {d.Page}"),
    ];

    private static IEnumerable<Sql> Both(Func<bool, Sql> make) => [make(false), make(true)];
}
