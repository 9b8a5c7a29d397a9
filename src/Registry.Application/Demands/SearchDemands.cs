using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Catalog;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Demands;

/// <summary>
/// The demand board: open demands by default, found by keywords in their number, title and description (<c>q</c>: every word must
/// appear), filtered by status, domain, modality, region (a province includes its cities), budget and deadline, sorted by deadline,
/// budget or, with keywords, relevance. Status, domain and modality take several values: any of them matches; separate filters must
/// all match.
/// </summary>
[Public]
public sealed record SearchDemands(string? Q, IReadOnlyList<string>? Status, IReadOnlyList<string>? Domain, IReadOnlyList<string>? Modality, string? Region, Guid? BaseId, decimal? MinBudget, decimal? MaxBudget,
    DateTimeOffset? DeadlineFrom, DateTimeOffset? DeadlineTo, string? Sort, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<DemandView>>, IPaged;

public sealed class SearchDemandsValidator : AbstractValidator<SearchDemands>
{
    public static readonly string[] Sorts = ["deadline", "budget", "relevance"];

    public SearchDemandsValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).PlainText(TextRules.QueryLength);
        this.Sort(x => x.Sort, Sorts, x => x.Q);
        this.ClosedList(x => x.Status, s => DemandStatus.All.Contains(s) && s != DemandStatus.Draft, () => Texts.Get("validation.published_status"));
        this.ClosedList(x => x.Domain, IndustryDomains.IsKnown, () => Texts.Get("validation.unknown_domain_short"));
        this.ClosedList(x => x.Modality, Modalities.IsKnown, () => Texts.Get("validation.unknown_modality_short"));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.MinBudget).GreaterThanOrEqualTo(0).When(x => x.MinBudget is not null);
        RuleFor(x => x.MaxBudget).GreaterThanOrEqualTo(x => x.MinBudget ?? 0).When(x => x.MaxBudget is not null);
    }
}

internal sealed class SearchDemandsHandler(IReadDb db, SearchSynonyms synonyms) : IRequestHandler<SearchDemands, Page<DemandView>>
{
    public async Task<Page<DemandView>> Handle(SearchDemands q, CancellationToken ct)
    {
        var terms = synonyms.Expand(q.Q);
        if (!string.IsNullOrWhiteSpace(q.Q) && terms.Count == 0) return new Page<DemandView>([], 0, q.Page, q.PageSize);
        string[] status = q.Status is { Count: > 0 } ? Values(q.Status) : [DemandStatus.Open], domain = Values(q.Domain), modality = Values(q.Modality);
        var keywords = terms.Count > 0 ? 1 : 0;
        var filter = new
        {
            fullText = terms.Count == 0 ? null : db.Dialect.FullTextQuery(terms), status, domain, domainCount = domain.Length, modality, modalityCount = modality.Length, scope = RegionScope.Filter(q.Region),
            q.BaseId, q.MinBudget, q.MaxBudget, deadlineFrom = q.DeadlineFrom?.ToUniversalTime(), deadlineTo = q.DeadlineTo?.ToUniversalTime(),
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var order = q.Sort switch { "budget" => ByBudgetSql, "relevance" => ByRelevanceSql, _ => ByDeadlineSql };
        var total = await db.ScalarAsync<int>(CountSql[keywords], filter, ct);
        if (q.Sort == "relevance") SearchLimits.EnsureRankable(total);
        var rows = total == 0 || filter.offset >= total ? [] : await db.QueryAsync<DemandReads.DemandRow>(order[keywords], filter, ct);
        return new Page<DemandView>(rows.Select(r => r.ToView()).ToList(), total, q.Page, q.PageSize);
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();

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
