using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;

namespace Registry.Application.Organizations;

/// <summary>Lists organizations within the caller's jurisdiction (all, for the operator).</summary>
[AllowedFor(Roles.Admin, Roles.Regulator, Roles.Certifier)]
public sealed record ListOrganizations(string? Kind, string? Region, string? Search, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<OrganizationView>>, IPaged;

public sealed class ListOrganizationsValidator : AbstractValidator<ListOrganizations>
{
    public ListOrganizationsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Kind).Must(Roles.IsKnown).When(x => x.Kind is not null).WithMessage($"'kind' must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(x => x.Region).Must(RegionCode.IsWellFormed!).When(x => x.Region is not null).WithMessage("'region' must be a GB/T 2260 code.");
        RuleFor(x => x.Search).PlainText(TextRules.QueryLength);
    }
}

internal sealed class ListOrganizationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListOrganizations, Page<OrganizationView>>
{
    public async Task<Page<OrganizationView>> Handle(ListOrganizations q, CancellationToken ct)
    {
        var jurisdiction = caller.IsSystem || caller.Role == Roles.Admin ? RegionCode.National : caller.RegionCode ?? "-";
        // The narrower of the jurisdiction and the requested region; a region outside the jurisdiction matches nothing.
        var region = q.Region is null || q.Region == RegionCode.National ? jurisdiction
            : RegionCode.IsWithin(q.Region, jurisdiction) ? q.Region
            : RegionCode.IsWithin(jurisdiction, q.Region) ? jurisdiction : "-";
        var filter = new
        {
            kind = q.Kind,
            region,
            search = q.Search is null ? null : "%" + Like.Escape(q.Search) + "%",
            code = q.Search?.Trim().ToUpperInvariant(),
            offset = (q.Page - 1) * q.PageSize,
            limit = q.PageSize,
        };
        return await db.PageAsync<OrganizationView>(CountSql, PageSql, filter, q, ct);
    }

    private static string Where(ISqlDialect d) => $"""
        where (@kind is null or o.kind = @kind)
          and (@region = '000000' or o.region_code = @region or r.parent_code = @region)
          and (@search is null or {d.ContainsIgnoreCase("o.name_zh", "@search")} or {d.ContainsIgnoreCase("o.name_en", "@search")}
               or o.credit_code = @code)
        """;

    private static readonly Sql CountSql = new(d => $"select count(*) from organizations o join regions r on r.code = o.region_code {Where(d)}");

    private static readonly Sql PageSql = new(d => $"{OrganizationReads.Select} {Where(d)} order by o.name_zh, o.id {d.Page}");
}
