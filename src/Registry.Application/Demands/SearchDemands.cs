using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Demands;

/// <summary>The demand board: open demands by default, filtered by status, domain, modality, region (a province includes its cities), budget and deadline.</summary>
[Public]
public sealed record SearchDemands(string? Status, string? Domain, string? Modality, string? Region, Guid? BaseId, decimal? MinBudget, decimal? MaxBudget,
    DateTimeOffset? DeadlineFrom, DateTimeOffset? DeadlineTo, string? Sort, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<DemandView>>, IPaged;

public sealed class SearchDemandsValidator : AbstractValidator<SearchDemands>
{
    public static readonly string[] Sorts = ["deadline", "budget"];

    public SearchDemandsValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => DemandStatus.All.Contains(s!) && s != DemandStatus.Draft).When(x => x.Status is not null)
            .WithMessage("'status' is a published status: open, evaluating, awarded, in_delivery, completed, cancelled or unsuccessful.");
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).When(x => x.Domain is not null).WithMessage("Unknown domain.");
        RuleFor(x => x.Modality).Must(Modalities.IsKnown).When(x => x.Modality is not null).WithMessage("Unknown modality.");
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.MinBudget).GreaterThanOrEqualTo(0).When(x => x.MinBudget is not null);
        RuleFor(x => x.MaxBudget).GreaterThanOrEqualTo(x => x.MinBudget ?? 0).When(x => x.MaxBudget is not null);
        RuleFor(x => x.Sort).Must(s => Sorts.Contains(s)).When(x => x.Sort is not null).WithMessage($"'sort' is one of: {string.Join(", ", Sorts)}.");
    }
}

internal sealed class SearchDemandsHandler(IReadDb db) : IRequestHandler<SearchDemands, Page<DemandView>>
{
    public async Task<Page<DemandView>> Handle(SearchDemands q, CancellationToken ct)
    {
        var filter = new
        {
            status = q.Status ?? DemandStatus.Open, q.Domain, q.Modality, scope = RegionScope.Filter(q.Region), q.BaseId, q.MinBudget, q.MaxBudget,
            deadlineFrom = q.DeadlineFrom?.ToUniversalTime(), deadlineTo = q.DeadlineTo?.ToUniversalTime(),
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var page = await db.PageAsync<DemandReads.DemandRow>(CountSql, q.Sort == "budget" ? ByBudgetSql : ByDeadlineSql, filter, q, ct);
        return new Page<DemandView>(page.Items.Select(r => r.ToView()).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    private static readonly string Where = $"""
        where d.status = @status
          and (@domain is null or d.domain = @domain)
          and (@modality is null or d.modality = @modality)
          and {RegionScope.Sql("d.region_code")}
          and (@baseId is null or d.preferred_base_id = @baseId)
          and (@minBudget is null or d.budget_ceiling >= @minBudget)
          and (@maxBudget is null or d.budget_ceiling <= @maxBudget)
          and (@deadlineFrom is null or d.bid_deadline >= @deadlineFrom)
          and (@deadlineTo is null or d.bid_deadline <= @deadlineTo)
        """;

    private static readonly Sql CountSql = new($"select count(*) from demands d {Where}");
    private static readonly Sql ByDeadlineSql = new(d => $"{DemandReads.Select} {Where} order by d.bid_deadline, d.id {d.Page}");
    private static readonly Sql ByBudgetSql = new(d => $"{DemandReads.Select} {Where} order by d.budget_ceiling desc, d.id {d.Page}");
}
