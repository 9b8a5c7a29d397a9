using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Organizations;

/// <summary>One change of an organization's identity: the old and new name, credit code and region, why, by whom and when.</summary>
public sealed record IdentityChangeView
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OldNameZh { get; init; }
    public required string NewNameZh { get; init; }
    public required string OldCreditCode { get; init; }
    public required string NewCreditCode { get; init; }
    public required string OldRegionCode { get; init; }
    public required string NewRegionCode { get; init; }
    public required string Reason { get; init; }
    /// <summary>The operator or regulator that made the change; null for the platform itself.</summary>
    public Guid? ChangedByOrganizationId { get; init; }
    public string? ChangedByOrganizationNameZh { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}

/// <summary>
/// An organization's identity history, newest first: the operator sees all of it, a regulator the changes whose old or new
/// region lies in its jurisdiction. An organization the regulator can see neither now nor in any change does not exist for it.
/// </summary>
[AllowedFor(Roles.Admin, Roles.Regulator)]
public sealed record ListOrganizationIdentityChanges(Guid Id, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<IdentityChangeView>>, IPaged;

public sealed class ListOrganizationIdentityChangesValidator : AbstractValidator<ListOrganizationIdentityChanges>
{
    public ListOrganizationIdentityChangesValidator() => this.RulesForPaging();
}

internal sealed class ListOrganizationIdentityChangesHandler(IReadDb db, ICaller caller)
    : IRequestHandler<ListOrganizationIdentityChanges, Page<IdentityChangeView>>
{
    public async Task<Page<IdentityChangeView>> Handle(ListOrganizationIdentityChanges q, CancellationToken ct)
    {
        var organization = await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { q.Id }, ct)
            ?? throw new NotFound("organization", q.Id);
        var page = await db.PageAsync<IdentityChangeView>(CountSql, PageSql,
            new { q.Id, scope = caller.ListScope(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize }, q, ct);
        // A change that touched the caller's jurisdiction shows the organization even after it moved away.
        if (page.Total == 0) caller.RequireSeen(VisibleItem.Organization(organization.Id, organization.RegionCode), "organization", q.Id);
        return page;
    }

    private static readonly string From = $"""
        from organization_identity_changes h
        left join organizations b on b.id = h.changed_by_organization_id
        where h.organization_id = @id
          and ({RegionScope.Sql("h.old_region_code")} or {RegionScope.Sql("h.new_region_code")})
        """;

    private static readonly Sql CountSql = new($"select count(*) {From}");

    private static readonly Sql PageSql = new(d => $"""
        select h.id, h.organization_id, h.old_name_zh, h.new_name_zh, h.old_credit_code, h.new_credit_code, h.old_region_code,
            h.new_region_code, h.reason, h.changed_by_organization_id, b.name_zh as changed_by_organization_name_zh, h.changed_at
        {From}
        order by h.changed_at desc, h.id desc {d.Page}
        """);
}
