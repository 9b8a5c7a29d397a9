using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>Certification applications a reviewer may act on (its jurisdiction), or an enterprise's own.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator, Roles.Admin, Roles.Enterprise)]
public sealed record ListApplications(string? Status, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<ApplicationView>>, IPaged;

public sealed class ListApplicationsValidator : AbstractValidator<ListApplications>
{
    public ListApplicationsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => ApplicationStatus.All.Contains(s!)).When(x => x.Status is not null)
            .WithMessage(_ => Texts.Format("validation.one_of", "status", string.Join(", ", ApplicationStatus.All)));
    }
}

internal sealed class ListApplicationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListApplications, Page<ApplicationView>>
{
    public async Task<Page<ApplicationView>> Handle(ListApplications q, CancellationToken ct)
    {
        var own = caller.Role == Roles.Enterprise ? caller.OrganizationId : null;
        var filter = new { q.Status, own, scope = caller.ListScope(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var total = await db.ScalarAsync<int>(CountSql, filter, ct);
        var rows = await db.QueryAsync<CertificationReads.ApplicationRow>(PageSql, filter, ct);
        return new Page<ApplicationView>(rows.Select(r => r.ToView()).ToList(), total, q.Page, q.PageSize);
    }

    // An enterprise sees its own applications (its scope is nothing), a reviewer those of its jurisdiction, the operator all.
    private static readonly string Where = $"""
        where (@status is null or a.status = @status)
          and (a.enterprise_id = @own or {RegionScope.Sql("d.region_code")})
        """;

    private static readonly Sql CountSql = new($"""
        select count(*) from certification_applications a join enterprise_directory d on d.enterprise_id = a.enterprise_id {Where}
        """);

    private static readonly Sql PageSql = new(d => $"""
        select a.id, a.enterprise_id, a.grade, a.status, a.evidence, a.submitted_at, a.reviewer_organization_id, a.decided_at,
            a.decision_reason, a.certificate_id
        from certification_applications a join enterprise_directory d on d.enterprise_id = a.enterprise_id
        {Where}
        order by a.submitted_at, a.id {d.Page}
        """);
}
