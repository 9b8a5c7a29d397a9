using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The calling agency's own demands in every status, drafts included, with their bid counts.</summary>
[AllowedFor(Roles.Agency)]
public sealed record ListMyDemands(string? Status, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<DemandView>>, IPaged;

public sealed class ListMyDemandsValidator : AbstractValidator<ListMyDemands>
{
    public ListMyDemandsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => DemandStatus.All.Contains(s!)).When(x => x.Status is not null).WithMessage(_ => Texts.Get("validation.unknown_demand_status"));
    }
}

internal sealed class ListMyDemandsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListMyDemands, Page<DemandView>>
{
    public async Task<Page<DemandView>> Handle(ListMyDemands q, CancellationToken ct)
    {
        var filter = new { agencyId = caller.RequireOrganization(), q.Status, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var page = await db.PageAsync<DemandReads.DemandRow>(CountSql, PageSql, filter, q, ct);
        return new Page<DemandView>(page.Items.Select(r => r.ToView()).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    private const string Where = "where d.agency_id = @agencyId and (@status is null or d.status = @status)";
    private static readonly Sql CountSql = new($"select count(*) from demands d {Where}");
    private static readonly Sql PageSql = new(d => $"{DemandReads.Select} {Where} order by d.created_at desc, d.id {d.Page}");
}
