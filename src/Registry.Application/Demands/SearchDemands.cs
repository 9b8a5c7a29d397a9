using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Common.Search;
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

internal sealed class SearchDemandsHandler(IReadDb db, SearchSynonyms synonyms, SearchOptions options, BoardSearchFeed feed, IBoardSearchIndex index)
    : IRequestHandler<SearchDemands, Page<DemandView>>
{
    public async Task<Page<DemandView>> Handle(SearchDemands q, CancellationToken ct)
    {
        var terms = synonyms.Expand(q.Q);
        if (!string.IsNullOrWhiteSpace(q.Q) && terms.Count == 0) return new Page<DemandView>([], 0, q.Page, q.PageSize);
        var order = q.Sort switch { "budget" => BoardOrder.Budget, "relevance" when terms.Count > 0 => BoardOrder.Relevance, _ => BoardOrder.Deadline };
        var criteria = new BoardCriteria(terms, q.Status is { Count: > 0 } ? Values(q.Status) : [DemandStatus.Open], Values(q.Domain), Values(q.Modality),
            RegionScope.Filter(q.Region), q.BaseId, q.MinBudget, q.MaxBudget, q.DeadlineFrom, q.DeadlineTo, order, (q.Page - 1) * q.PageSize, q.PageSize);
        // The index catches up with the outbox first, so a writer's own change is found; while it loads, the database answers.
        var page = options.Engine == SearchEngine.Index && await feed.CatchUpAsync(load: false, ct)
            ? await BoardIndexSearch.SearchAsync(db, index, criteria, ct)
            : await BoardDatabaseSearch.SearchAsync(db, criteria, ct);
        return page with { PageNumber = q.Page };
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();
}
