using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>A regulator of the enterprise's jurisdiction withdraws a designation with a date and reason.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record WithdrawDesignation(Guid EnterpriseId, string Designation, DateOnly WithdrawnOn, string Reason) : ICommand<EnterpriseDetail>;

public sealed class WithdrawDesignationValidator : AbstractValidator<WithdrawDesignation>
{
    public WithdrawDesignationValidator()
    {
        RuleFor(x => x.Designation).KnownDesignation();
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
    }
}

internal sealed class WithdrawDesignationHandler(IWriteDb db, EnterpriseProjection projection, IOutbox outbox, ICaller caller)
    : IRequestHandler<WithdrawDesignation, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(WithdrawDesignation c, CancellationToken ct)
    {
        await EnterpriseReads.RequireAsync(db, caller, c.EnterpriseId, Act.AsSupervisor,
            "Only the regulators whose jurisdiction covers the enterprise withdraw its designations.", ct);
        if (await db.ExecuteAsync(WithdrawSql, new { c.EnterpriseId, c.Designation, c.WithdrawnOn, c.Reason }, ct) == 0)
            throw new InvalidTransitionException($"'{c.Designation}' designation", "not held", "withdrawn");
        await projection.RefreshAsync(c.EnterpriseId, ct);
        outbox.Publish(new DesignationWithdrawn(c.EnterpriseId, c.Designation, c.WithdrawnOn));
        return await EnterpriseReads.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    private static readonly Sql WithdrawSql = new("""
        update enterprise_designations set withdrawn_on = @withdrawnOn, withdrawal_reason = @reason
        where enterprise_id = @enterpriseId and designation = @designation and withdrawn_on is null
        """);
}
