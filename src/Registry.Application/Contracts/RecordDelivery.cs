using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Contracts;

/// <summary>
/// The contracted enterprise records a delivery: what it delivers, how many items, and the SHA-256 hash of the delivery
/// manifest; the server records when. The first delivery puts the demand in delivery; a delivery after the due date is late.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record RecordDelivery(Guid ContractId, long ExpectedVersion, string Description, decimal Quantity, string ManifestSha256) : ICommand<ContractView>;

public sealed class RecordDeliveryValidator : AbstractValidator<RecordDelivery>
{
    public RecordDeliveryValidator()
    {
        RuleFor(x => x.Description).NotEmpty().MultilineText(2000);
        RuleFor(x => x.Quantity).GreaterThan(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.ManifestSha256).NotEmpty().Matches(@"^[0-9a-fA-F]{64}\z").WithMessage(_ => Texts.Get("validation.sha256_manifest"));
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class RecordDeliveryHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock)
    : IRequestHandler<RecordDelivery, ContractView>
{
    public async Task<ContractView> Handle(RecordDelivery c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contract = await ContractWrites.ClaimForPartyAsync(db, caller, c.ContractId, c.ExpectedVersion, now, ct);
        await Challenges.Suspensions.EnsureContractNotSuspendedAsync(db, c.ContractId, now, ct);
        var (status, recorded) = ContractLifecycle.RecordDelivery(contract, Guid.CreateVersion7(), now);
        await db.ExecuteAsync(InsertDeliverySql, new
        {
            id = recorded.DeliveryId, c.ContractId, recorded.Attempt, description = c.Description.Trim(), c.Quantity,
            manifestSha256 = c.ManifestSha256.ToLowerInvariant(), now, recorded.OnTime, status,
        }, ct);
        await ContractWrites.MoveDemandAsync(db, contract.DemandId, DemandLifecycle.StartDelivery, now, ct);
        if (!recorded.OnTime)
            await alerts.RaiseAsync(new RiskAlert(AlertTypes.DeliveryLate, $"delivery_late:{contract.Id}", contract.RegionCode, "contract", contract.Id.ToString(),
                contract.Number, $"Contract {contract.Number} ({contract.EnterpriseName}) was delivered after its due date {contract.DueDate:yyyy-MM-dd} (China date).",
                $"合同{contract.Number}（{contract.EnterpriseName}）在约定交付日期{contract.DueDate:yyyy-MM-dd}之后才交付。",
                new { contract = $"/api/v1/contracts/{contract.Id}", dueDate = contract.DueDate, deliveredOn = ChinaTime.DateOf(now), enterpriseId = contract.EnterpriseId }),
                now, ct);
        outbox.Publish(recorded);
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    private static readonly Sql InsertDeliverySql = new("""
        insert into deliveries (id, contract_id, attempt, description, quantity, manifest_sha256, delivered_at, on_time, status, sample_size,
            measured_accuracy, decision_note, decided_at)
        values (@id, @contractId, @attempt, @description, @quantity, @manifestSha256, @now, @onTime, @status, null, null, null, null)
        """);
}
