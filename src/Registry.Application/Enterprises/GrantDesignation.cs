using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>A regulator of the enterprise's jurisdiction grants a designation (龙头, 瞪羚, 独角兽, 科技创新型) with a date and reason.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record GrantDesignation(Guid EnterpriseId, string Designation, DateOnly GrantedOn, string Reason) : ICommand<EnterpriseDetail>;

public sealed class GrantDesignationValidator : AbstractValidator<GrantDesignation>
{
    public GrantDesignationValidator()
    {
        RuleFor(x => x.Designation).KnownDesignation();
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
    }
}

internal sealed class GrantDesignationHandler(IWriteDb db, EnterpriseProjection projection, IOutbox outbox, ICaller caller)
    : IRequestHandler<GrantDesignation, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(GrantDesignation c, CancellationToken ct)
    {
        await EnterpriseReads.RequireAsync(db, caller, c.EnterpriseId, Act.AsSupervisor,
            "Only the regulators whose jurisdiction covers the enterprise grant its designations.", ct);
        if (await db.ScalarAsync<int>(ActiveSql, new { c.EnterpriseId, c.Designation }, ct) > 0)
            throw new InvalidTransitionException($"'{c.Designation}' designation", "held", "granted again");
        await db.ExecuteAsync(GrantSql, new
        {
            id = Guid.CreateVersion7(), c.EnterpriseId, c.Designation, c.GrantedOn, c.Reason, by = caller.OrganizationId ?? Guid.Empty,
        }, ct);
        await projection.RefreshAsync(c.EnterpriseId, ct);
        outbox.Publish(new DesignationGranted(c.EnterpriseId, c.Designation, c.GrantedOn));
        return await EnterpriseReads.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    private static readonly Sql ActiveSql = new("""
        select count(*) from enterprise_designations where enterprise_id = @enterpriseId and designation = @designation and withdrawn_on is null
        """);
    private static readonly Sql GrantSql = new("""
        insert into enterprise_designations (id, enterprise_id, designation, granted_on, grant_reason, granted_by_organization_id)
        values (@id, @enterpriseId, @designation, @grantedOn, @reason, @by)
        """);
}
