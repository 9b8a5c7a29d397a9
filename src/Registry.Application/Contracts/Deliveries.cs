using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>
/// The contracted enterprise records a delivery: what it delivers, how many items, and the SHA-256 hash of the delivery
/// manifest; the server records when. The first delivery puts the demand in delivery; a delivery after the due date is late.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record RecordDelivery(Guid ContractId, string Description, decimal Quantity, string ManifestSha256) : ICommand<ContractView>;

public sealed class RecordDeliveryValidator : AbstractValidator<RecordDelivery>
{
    public RecordDeliveryValidator()
    {
        RuleFor(x => x.Description).NotEmpty().MultilineText(2000);
        RuleFor(x => x.Quantity).GreaterThan(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.ManifestSha256).NotEmpty().Matches(@"^[0-9a-fA-F]{64}\z").WithMessage("'manifestSha256' is a SHA-256 hash: 64 hexadecimal digits.");
    }
}

/// <summary>
/// The agency records its acceptance decision on a delivery from a sample: accepted when the measured accuracy reaches the
/// demand's minimum (the contract is completed, the demand too, and the enterprise's quality record grows), otherwise rejected
/// with the reason (the enterprise may deliver again). An optional note is kept with the decision.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record DecideDelivery(Guid ContractId, Guid DeliveryId, int SampleSize, decimal MeasuredAccuracy, string? Note) : ICommand<ContractView>;

public sealed class DecideDeliveryValidator : AbstractValidator<DecideDelivery>
{
    public DecideDeliveryValidator()
    {
        RuleFor(x => x.SampleSize).GreaterThanOrEqualTo(1);
        RuleFor(x => x.MeasuredAccuracy).InclusiveBetween(0m, 1m).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.Note).MultilineText(1500);
    }
}

/// <summary>The agency terminates its contract after the due date without an accepted delivery, with a reason.</summary>
[AllowedFor(Roles.Agency)]
public sealed record TerminateContract(Guid ContractId, string Reason) : ICommand<ContractView>;

public sealed class TerminateContractValidator : AbstractValidator<TerminateContract>
{
    public TerminateContractValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

internal sealed class DeliveryHandlers(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) :
    IRequestHandler<RecordDelivery, ContractView>, IRequestHandler<DecideDelivery, ContractView>, IRequestHandler<TerminateContract, ContractView>
{
    public async Task<ContractView> Handle(RecordDelivery c, CancellationToken ct)
    {
        var contract = await ContractReads.ViewAsync(db, c.ContractId, ct);
        if (contract.EnterpriseId != caller.OrganizationId) throw new NotFound("contract", c.ContractId);
        ContractLifecycle.RecordDelivery(contract.Status, contract.Deliveries!.Any(d => d.Status == DeliveryStatus.Submitted));
        var now = clock.GetUtcNow();
        var onTime = ContractLifecycle.IsOnTime(now, contract.DueDate);
        var id = Guid.CreateVersion7();
        var attempt = contract.Deliveries!.Count + 1;
        await db.ExecuteAsync(InsertDeliverySql, new
        {
            id, c.ContractId, attempt, description = c.Description.Trim(), c.Quantity, manifestSha256 = c.ManifestSha256.ToLowerInvariant(), now, onTime,
            status = DeliveryStatus.Submitted,
        }, ct);
        await TouchAsync(contract, now, ct);
        await MoveDemandAsync(contract.DemandId, DemandLifecycle.StartDelivery, now, ct);
        if (!onTime)
            await RiskAlerts.RaiseAsync(db, outbox, "delivery_late", $"delivery_late:{contract.Id}", contract.RegionCode, "contract", contract.Id.ToString(),
                $"Contract {contract.Number} ({contract.EnterpriseNameZh}) was delivered after its due date {contract.DueDate:yyyy-MM-dd}.", now, ct);
        outbox.Publish(new OutboxEvent("delivery.recorded", "delivery", id.ToString(), new { id, c.ContractId, attempt, onTime }));
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    public async Task<ContractView> Handle(DecideDelivery c, CancellationToken ct)
    {
        var contract = await OwnedAsync(c.ContractId, ct);
        var delivery = contract.Deliveries!.FirstOrDefault(d => d.Id == c.DeliveryId) ?? throw new NotFound("delivery", c.DeliveryId);
        if (ContractLifecycle.SampleProblem(c.SampleSize, delivery.Quantity) is { } sample) throw ValidationFailed.For("sampleSize", sample);
        var outcome = ContractLifecycle.Decide(contract.Status, delivery.Status, c.MeasuredAccuracy, contract.MinimumAccuracy);
        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        if (outcome == DeliveryStatus.Rejected)
            note = FormattableString.Invariant($"Measured accuracy {c.MeasuredAccuracy:0.####} on a sample of {c.SampleSize} is below the minimum {contract.MinimumAccuracy:0.####}.")
                + (note is null ? "" : " " + note);
        await db.ExecuteAsync(DecideSql, new { id = c.DeliveryId, status = outcome, c.SampleSize, c.MeasuredAccuracy, note, now }, ct);

        if (outcome == DeliveryStatus.Accepted)
        {
            await db.ExecuteAsync(CompleteSql, new { contract.Id, status = ContractStatus.Completed, accuracy = c.MeasuredAccuracy, delivery.OnTime, now }, ct);
            await MoveDemandAsync(contract.DemandId, DemandLifecycle.Complete, now, ct);
            await EnterpriseProjection.RefreshAsync(db, contract.EnterpriseId, ct);
            outbox.Publish(new OutboxEvent("delivery.accepted", "delivery", c.DeliveryId.ToString(),
                new { c.DeliveryId, contractId = contract.Id, c.SampleSize, c.MeasuredAccuracy, delivery.OnTime }));
            outbox.Publish(new OutboxEvent("contract.completed", "contract", contract.Id.ToString(), new { contract.Id, contract.DemandId, contract.EnterpriseId }));
        }
        else
        {
            await TouchAsync(contract, now, ct);
            await RiskAlerts.RaiseAsync(db, outbox, "delivery_rejected", $"delivery_rejected:{c.DeliveryId}", contract.RegionCode, "contract",
                contract.Id.ToString(), $"Delivery {delivery.Attempt} of contract {contract.Number} ({contract.EnterpriseNameZh}) was rejected: {note}", now, ct);
            outbox.Publish(new OutboxEvent("delivery.rejected", "delivery", c.DeliveryId.ToString(),
                new { c.DeliveryId, contractId = contract.Id, c.SampleSize, c.MeasuredAccuracy, note }));
        }
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    public async Task<ContractView> Handle(TerminateContract c, CancellationToken ct)
    {
        var contract = await OwnedAsync(c.ContractId, ct);
        var status = ContractLifecycle.Terminate(contract.Status, contract.Deliveries!.Any(d => d.Status == DeliveryStatus.Submitted), contract.DueDate,
            ChinaDate.Today(clock));
        var now = clock.GetUtcNow();
        var reason = c.Reason.Trim();
        await db.ExecuteAsync(TerminateSql, new { contract.Id, status, reason, now }, ct);
        await MoveDemandAsync(contract.DemandId, DemandLifecycle.Terminate, now, ct);
        await RiskAlerts.RaiseAsync(db, outbox, "contract_terminated", $"contract_terminated:{contract.Id}", contract.RegionCode, "contract",
            contract.Id.ToString(), $"Contract {contract.Number} ({contract.EnterpriseNameZh}) was terminated without an accepted delivery: {reason}", now, ct);
        outbox.Publish(new OutboxEvent("contract.terminated", "contract", contract.Id.ToString(), new { contract.Id, contract.DemandId, reason }));
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    /// <summary>The caller agency's own contract; anyone else learns nothing of it (404).</summary>
    private async Task<ContractView> OwnedAsync(Guid id, CancellationToken ct)
    {
        var contract = await ContractReads.ViewAsync(db, id, ct);
        return contract.AgencyId == caller.OrganizationId ? contract : throw new NotFound("contract", id);
    }

    /// <summary>Moves the contract's demand along its lifecycle (the domain refuses a step its state does not allow).</summary>
    private async Task MoveDemandAsync(Guid demandId, Func<string, string> transition, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.ScalarAsync<string>(DemandStatusSql, new { demandId }, ct);
        await db.ExecuteAsync(DemandStatusUpdateSql, new { demandId, status = transition(current!), now }, ct);
    }

    private Task TouchAsync(ContractView contract, DateTimeOffset now, CancellationToken ct) => db.ExecuteAsync(TouchSql, new { contract.Id, now }, ct);

    private static readonly Sql InsertDeliverySql = new("""
        insert into deliveries (id, contract_id, attempt, description, quantity, manifest_sha256, delivered_at, on_time, status, sample_size,
            measured_accuracy, decision_note, decided_at)
        values (@id, @contractId, @attempt, @description, @quantity, @manifestSha256, @now, @onTime, @status, null, null, null, null)
        """);
    private static readonly Sql DecideSql = new("""
        update deliveries set status = @status, sample_size = @sampleSize, measured_accuracy = @measuredAccuracy, decision_note = @note, decided_at = @now
        where id = @id and status = 'submitted'
        """);
    private static readonly Sql TouchSql = new("update contracts set row_version = row_version + 1, updated_at = @now where id = @id");
    private static readonly Sql CompleteSql = new("""
        update contracts set status = @status, accepted_accuracy = @accuracy, on_time = @onTime, closed_at = @now, row_version = row_version + 1,
            updated_at = @now
        where id = @id and status = 'active'
        """);
    private static readonly Sql TerminateSql = new("""
        update contracts set status = @status, status_reason = @reason, closed_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @id and status = 'active'
        """);
    private static readonly Sql DemandStatusSql = new("select status from demands where id = @demandId");
    private static readonly Sql DemandStatusUpdateSql = new("""
        update demands set status = @status, row_version = row_version + 1, updated_at = @now where id = @demandId
        """);
}
