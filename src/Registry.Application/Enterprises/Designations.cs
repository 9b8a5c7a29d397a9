using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>A regulator of the enterprise's jurisdiction grants a designation (龙头, 瞪羚, 独角兽, 科技创新型) with a date and reason.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record GrantDesignation(Guid EnterpriseId, string Designation, DateOnly GrantedOn, string Reason) : ICommand<EnterpriseDetail>;

/// <summary>A regulator of the enterprise's jurisdiction withdraws a designation with a date and reason.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record WithdrawDesignation(Guid EnterpriseId, string Designation, DateOnly WithdrawnOn, string Reason) : ICommand<EnterpriseDetail>;

public sealed class GrantDesignationValidator : AbstractValidator<GrantDesignation>
{
    public GrantDesignationValidator()
    {
        RuleFor(x => x.Designation).Must(Designations.IsKnown)
            .WithMessage($"'designation' is one of: {string.Join(", ", Designations.All.Select(d => d.Code))}.");
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
    }
}

public sealed class WithdrawDesignationValidator : AbstractValidator<WithdrawDesignation>
{
    public WithdrawDesignationValidator()
    {
        RuleFor(x => x.Designation).Must(Designations.IsKnown)
            .WithMessage($"'designation' is one of: {string.Join(", ", Designations.All.Select(d => d.Code))}.");
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
    }
}

internal sealed class DesignationHandlers(IWriteDb db, IOutbox outbox, ICaller caller) :
    IRequestHandler<GrantDesignation, EnterpriseDetail>,
    IRequestHandler<WithdrawDesignation, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(GrantDesignation c, CancellationToken ct)
    {
        await EnsureCoveredAsync(c.EnterpriseId, ct);
        if (await db.ScalarAsync<int>(ActiveSql, new { c.EnterpriseId, c.Designation }, ct) > 0)
            throw new Conflict("designation_held", $"The enterprise already holds the '{c.Designation}' designation.");
        await db.ExecuteAsync(GrantSql, new
        {
            id = Guid.CreateVersion7(), c.EnterpriseId, c.Designation, c.GrantedOn, c.Reason, by = caller.OrganizationId ?? Guid.Empty,
        }, ct);
        await EnterpriseProjection.RefreshAsync(db, c.EnterpriseId, ct);
        outbox.Publish(new OutboxEvent("designation.granted", "enterprise", c.EnterpriseId.ToString(), new { c.EnterpriseId, c.Designation, c.GrantedOn }));
        return await EnterpriseProjection.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    public async Task<EnterpriseDetail> Handle(WithdrawDesignation c, CancellationToken ct)
    {
        await EnsureCoveredAsync(c.EnterpriseId, ct);
        if (await db.ExecuteAsync(WithdrawSql, new { c.EnterpriseId, c.Designation, c.WithdrawnOn, c.Reason }, ct) == 0)
            throw new Conflict("designation_not_held", $"The enterprise does not hold the '{c.Designation}' designation.");
        await EnterpriseProjection.RefreshAsync(db, c.EnterpriseId, ct);
        outbox.Publish(new OutboxEvent("designation.withdrawn", "enterprise", c.EnterpriseId.ToString(), new { c.EnterpriseId, c.Designation, c.WithdrawnOn }));
        return await EnterpriseProjection.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    private async Task EnsureCoveredAsync(Guid enterpriseId, CancellationToken ct)
    {
        var region = await db.QuerySingleOrDefaultAsync<string>(RegionSql, new { enterpriseId }, ct);
        if (region is null || !caller.Covers(region)) throw new NotFound("enterprise", enterpriseId);
    }

    private static readonly Sql RegionSql = new("select region_code from enterprise_profiles where organization_id = @enterpriseId");
    private static readonly Sql ActiveSql = new("""
        select count(*) from enterprise_designations where enterprise_id = @enterpriseId and designation = @designation and withdrawn_on is null
        """);
    private static readonly Sql GrantSql = new("""
        insert into enterprise_designations (id, enterprise_id, designation, granted_on, grant_reason, granted_by_organization_id)
        values (@id, @enterpriseId, @designation, @grantedOn, @reason, @by)
        """);
    private static readonly Sql WithdrawSql = new("""
        update enterprise_designations set withdrawn_on = @withdrawnOn, withdrawal_reason = @reason
        where enterprise_id = @enterpriseId and designation = @designation and withdrawn_on is null
        """);
}
