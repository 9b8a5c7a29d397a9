using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Demands;

/// <summary>
/// The demand board: open demands by default, filtered by status, domain, modality, region (a province includes its cities), budget
/// and deadline. Status, domain and modality take several values: any of them matches; separate filters must all match.
/// </summary>
[Public]
public sealed record SearchDemands(IReadOnlyList<string>? Status, IReadOnlyList<string>? Domain, IReadOnlyList<string>? Modality, string? Region, Guid? BaseId, decimal? MinBudget, decimal? MaxBudget,
    DateTimeOffset? DeadlineFrom, DateTimeOffset? DeadlineTo, string? Sort, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<DemandView>>, IPaged;

public sealed class SearchDemandsValidator : AbstractValidator<SearchDemands>
{
    public static readonly string[] Sorts = ["deadline", "budget"];

    public SearchDemandsValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        // A filter lists values of a closed set: more than 50 is never needed and only costs the query.
        RuleFor(x => x.Status).MaxCount(50);
        RuleFor(x => x.Domain).MaxCount(50);
        RuleFor(x => x.Modality).MaxCount(50);
        RuleForEach(x => x.Status).Must(s => DemandStatus.All.Contains(s) && s != DemandStatus.Draft)
            .WithMessage(_ => Texts.Get("validation.published_status"));
        RuleForEach(x => x.Domain).Must(IndustryDomains.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_domain_short"));
        RuleForEach(x => x.Modality).Must(Modalities.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_modality_short"));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.MinBudget).GreaterThanOrEqualTo(0).When(x => x.MinBudget is not null);
        RuleFor(x => x.MaxBudget).GreaterThanOrEqualTo(x => x.MinBudget ?? 0).When(x => x.MaxBudget is not null);
        RuleFor(x => x.Sort).Must(s => Sorts.Contains(s)).When(x => x.Sort is not null).WithMessage(_ => Texts.Format("validation.one_of", "sort", string.Join(", ", Sorts)));
    }
}

internal sealed class SearchDemandsHandler(IReadDb db) : IRequestHandler<SearchDemands, Page<DemandView>>
{
    public async Task<Page<DemandView>> Handle(SearchDemands q, CancellationToken ct)
    {
        string[] status = q.Status is { Count: > 0 } ? Values(q.Status) : [DemandStatus.Open], domain = Values(q.Domain), modality = Values(q.Modality);
        var filter = new
        {
            status, domain, domainCount = domain.Length, modality, modalityCount = modality.Length, scope = RegionScope.Filter(q.Region),
            q.BaseId, q.MinBudget, q.MaxBudget, deadlineFrom = q.DeadlineFrom?.ToUniversalTime(), deadlineTo = q.DeadlineTo?.ToUniversalTime(),
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var page = await db.PageAsync<DemandReads.DemandRow>(CountSql, q.Sort == "budget" ? ByBudgetSql : ByDeadlineSql, filter, q, ct);
        return new Page<DemandView>(page.Items.Select(r => r.ToView()).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();

    private static string Where(ISqlDialect d) => $"""
        where {d.InList("d.status", "@status")}
          and (@domainCount = 0 or {d.InList("d.domain", "@domain")})
          and (@modalityCount = 0 or {d.InList("d.modality", "@modality")})
          and {RegionScope.Sql("d.region_code")}
          and (@baseId is null or d.preferred_base_id = @baseId)
          and (@minBudget is null or d.budget_ceiling >= @minBudget)
          and (@maxBudget is null or d.budget_ceiling <= @maxBudget)
          and (@deadlineFrom is null or d.bid_deadline >= @deadlineFrom)
          and (@deadlineTo is null or d.bid_deadline <= @deadlineTo)
        """;

    private static readonly Sql CountSql = new(d => $"select count(*) from demands d {Where(d)}");
    private static readonly Sql ByDeadlineSql = new(d => $"{DemandReads.Select} {Where(d)} order by d.bid_deadline, d.id {d.Page}");
    private static readonly Sql ByBudgetSql = new(d => $"{DemandReads.Select} {Where(d)} order by d.budget_ceiling desc, d.id {d.Page}");
}
