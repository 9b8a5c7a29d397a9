using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Contracts;

/// <summary>The agency terminates its contract after the due date without an accepted delivery, with a reason.</summary>
[AllowedFor(Roles.Agency)]
public sealed record TerminateContract(Guid ContractId, long ExpectedVersion, string Reason) : ICommand<ContractView>;

public sealed class TerminateContractValidator : AbstractValidator<TerminateContract>
{
    public TerminateContractValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class TerminateContractHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock)
    : IRequestHandler<TerminateContract, ContractView>
{
    public async Task<ContractView> Handle(TerminateContract c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contract = await ContractWrites.ClaimForPartyAsync(db, caller, c.ContractId, c.ExpectedVersion, now, ct);
        var (status, terminated) = ContractLifecycle.Terminate(contract, ChinaTime.DateOf(now), c.Reason.Trim());
        if (await db.ExecuteAsync(TerminateSql, new { contract.Id, status, terminated.Reason, now }, ct) == 0)
            throw new InvalidTransitionException("contract", "no longer active", "terminated");
        await ContractWrites.MoveDemandAsync(db, contract.DemandId, DemandLifecycle.Terminate, now, ct);
        await alerts.RaiseAsync(new RiskAlert(AlertTypes.ContractTerminated, $"contract_terminated:{contract.Id}", contract.RegionCode, "contract",
            contract.Id.ToString(), contract.Number,
            $"Contract {contract.Number} ({contract.EnterpriseName}) was terminated without an accepted delivery: {terminated.Reason}",
            $"合同{contract.Number}（{contract.EnterpriseName}）未经验收通过即被终止：{terminated.Reason}",
            new { contract = $"/api/v1/contracts/{contract.Id}", dueDate = contract.DueDate, enterpriseId = contract.EnterpriseId }), now, ct);
        outbox.Publish(terminated);
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    private static readonly Sql TerminateSql = new("""
        update contracts set status = @status, status_reason = @reason, closed_at = @now, updated_at = @now
        where id = @id and status = 'active'
        """);
}
