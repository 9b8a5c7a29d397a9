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
    public ListOrganizationsValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Kind).Must(Roles.IsKnown).When(x => x.Kind is not null).WithMessage(_ => Texts.Format("validation.must_be_one_of", "kind", string.Join(", ", Roles.All)));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.Search).PlainText(TextRules.QueryLength);
    }
}

internal sealed class ListOrganizationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListOrganizations, Page<OrganizationView>>
{
    public async Task<Page<OrganizationView>> Handle(ListOrganizations q, CancellationToken ct)
    {
        var filter = new
        {
            kind = q.Kind,
            scope = caller.ListScope().Intersect(RegionScope.Filter(q.Region)),
            search = q.Search is null ? null : "%" + Like.Escape(q.Search) + "%",
            code = q.Search?.Trim().ToUpperInvariant(),
            offset = (q.Page - 1) * q.PageSize,
            limit = q.PageSize,
        };
        return await db.PageAsync<OrganizationView>(CountSql, PageSql, filter, q, ct);
    }

    private static string Where(ISqlDialect d) => $"""
        where (@kind is null or o.kind = @kind)
          and {RegionScope.Sql("o.region_code")}
          and (@search is null or {d.ContainsIgnoreCase("o.name_zh", "@search")} or {d.ContainsIgnoreCase("o.name_en", "@search")}
               or o.credit_code = @code)
        """;

    private static readonly Sql CountSql = new(d => $"select count(*) from organizations o {Where(d)}");

    private static readonly Sql PageSql = new(d => $"{OrganizationReads.Select} {Where(d)} order by o.name_zh, o.id {d.Page}");
}
