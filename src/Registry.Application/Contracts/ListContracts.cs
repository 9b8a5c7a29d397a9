using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>
/// The caller's contracts: an agency's own, an enterprise's own, those in a regulator's jurisdiction, all for admins;
/// newest first, optionally by status.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Admin)]
public sealed record ListContracts(string? Status, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<ContractView>>, IPaged;

public sealed class ListContractsValidator : AbstractValidator<ListContracts>
{
    public ListContractsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => ContractStatus.All.Contains(s!)).When(x => x.Status is not null)
            .WithMessage(_ => Texts.Format("validation.one_of", "status", string.Join(", ", ContractStatus.All)));
    }
}

internal sealed class ListContractsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListContracts, Page<ContractView>>
{
    public async Task<Page<ContractView>> Handle(ListContracts q, CancellationToken ct)
    {
        Guid? party = caller.Role is Roles.Agency or Roles.Enterprise ? caller.RequireOrganization() : null;
        var filter = new { q.Status, party, scope = caller.ListScope(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var page = await db.PageAsync<ContractReads.ContractRow>(CountSql, PageSql, filter, q, ct);
        return new Page<ContractView>(page.Items.Select(r => r.ToView(null)).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    // A party sees its own contracts (its scope is nothing), a regulator those of its jurisdiction, the operator all.
    private static readonly string Where = $"""
        where (@status is null or c.status = @status)
          and (c.agency_id = @party or c.enterprise_id = @party or {RegionScope.Sql("c.region_code")})
        """;

    private static readonly Sql CountSql = new($"select count(*) from contracts c {Where}");
    private static readonly Sql PageSql = new(d => $"{ContractReads.Select} {Where} order by c.awarded_at desc, c.id {d.Page}");
}
