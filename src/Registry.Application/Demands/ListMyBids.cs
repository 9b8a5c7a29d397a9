using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>The calling enterprise's own bids, with each demand's status and, after closing, the eligibility verdict.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record ListMyBids(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<BidView>>, IPaged;

public sealed class ListMyBidsValidator : AbstractValidator<ListMyBids>
{
    public ListMyBidsValidator() => this.RulesForPaging();
}

internal sealed class ListMyBidsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListMyBids, Page<BidView>>
{
    public async Task<Page<BidView>> Handle(ListMyBids q, CancellationToken ct)
    {
        var filter = new { enterpriseId = caller.RequireOrganization(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var page = await db.PageAsync<BidRow>(CountSql, PageSql, filter, q, ct);
        return new Page<BidView>(page.Items.Select(b => b.ToView()).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    private static readonly Sql CountSql = new("select count(*) from bids b where b.enterprise_id = @enterpriseId");
    private static readonly Sql PageSql = new(d => $"""
        select b.id, b.demand_id, b.enterprise_id, o.name_zh as enterprise_name_zh, b.price, b.unit_price, b.delivery_date, b.accuracy, b.team_size,
            b.technical_summary, b.status, b.eligible, b.ineligibility_reason, b.submitted_at
        from bids b join organizations o on o.id = b.enterprise_id
        where b.enterprise_id = @enterpriseId
        order by b.submitted_at desc, b.id {d.Page}
        """);
}
