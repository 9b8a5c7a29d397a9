using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>The calling enterprise's invitations to bid, newest first, with each demand's number, title, status and deadline; never whom else the agency invited.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record ListMyInvitations(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<InvitationView>>, IPaged;

public sealed class ListMyInvitationsValidator : AbstractValidator<ListMyInvitations>
{
    public ListMyInvitationsValidator() => this.RulesForPaging();
}

internal sealed class ListMyInvitationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListMyInvitations, Page<InvitationView>>
{
    public async Task<Page<InvitationView>> Handle(ListMyInvitations q, CancellationToken ct)
    {
        var filter = new { enterpriseId = caller.RequireOrganization(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var page = await db.PageAsync<InvitationReads.Row>(CountSql, PageSql, filter, q, ct);
        return new Page<InvitationView>(page.Items.Select(r => r.ToView()).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    private static readonly Sql CountSql = new("select count(*) from demand_invitations i where i.enterprise_id = @enterpriseId");
    private static readonly Sql PageSql = new(d => $"""
        {InvitationReads.Select}
        where i.enterprise_id = @enterpriseId
        order by i.invited_at desc, i.id {d.Page}
        """);
}
