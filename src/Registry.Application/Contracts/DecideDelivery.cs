using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Application.Enterprises;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>
/// The agency records its acceptance decision on a delivery from a sample: accepted when the measured accuracy reaches the
/// demand's minimum (the contract is completed, the demand too, and the enterprise's quality record grows), otherwise rejected
/// with the reason (the enterprise may deliver again). An optional note is kept with the decision.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record DecideDelivery(Guid ContractId, long ExpectedVersion, Guid DeliveryId, int SampleSize, decimal MeasuredAccuracy, string? Note) : ICommand<ContractView>;

public sealed class DecideDeliveryValidator : AbstractValidator<DecideDelivery>
{
    public DecideDeliveryValidator()
    {
        RuleFor(x => x.SampleSize).Satisfies(ContractLifecycle.SampleSizeProblem);
        RuleFor(x => x.MeasuredAccuracy).Satisfies(AccuracyRule.Problem).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.Note).MultilineText(1500);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class DecideDeliveryHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, EnterpriseProjection projection, ICaller caller, TimeProvider clock)
    : IRequestHandler<DecideDelivery, ContractView>
{
    public async Task<ContractView> Handle(DecideDelivery c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contract = await ContractWrites.ClaimForPartyAsync(db, caller, c.ContractId, c.ExpectedVersion, now, ct);
        await Challenges.Suspensions.EnsureContractNotSuspendedAsync(db, c.ContractId, now, ct);
        var delivery = contract.Deliveries.FirstOrDefault(d => d.Id == c.DeliveryId) ?? throw new NotFound("delivery", c.DeliveryId);
        if (ContractLifecycle.SampleProblem(c.SampleSize, delivery.Quantity) is { } sample) throw ValidationFailed.For("sampleSize", Texts.Of(sample));
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        var (outcome, decision) = ContractLifecycle.Decide(contract, delivery, c.SampleSize, c.MeasuredAccuracy, note);
        // A rejection keeps the reason the enterprise reads (the shortfall, then the agency's note); an acceptance keeps the note.
        var decisionNote = decision is DeliveryRejected rejected ? rejected.Note : note;
        // The status guards decide a race between two decisions: the second finds the delivery decided and changes nothing.
        if (await db.ExecuteAsync(DecideSql, new { id = c.DeliveryId, status = outcome, c.SampleSize, c.MeasuredAccuracy, note = decisionNote, now }, ct) == 0)
            throw new InvalidTransitionException("delivery", "already decided", "decided");

        if (decision is DeliveryAccepted accepted)
        {
            var (status, completed) = ContractLifecycle.Complete(contract, accepted);
            if (await db.ExecuteAsync(CompleteSql, new { contract.Id, status, accuracy = accepted.MeasuredAccuracy, accepted.OnTime, now }, ct) == 0)
                throw new InvalidTransitionException("contract", "no longer active", "completed");
            await ContractWrites.MoveDemandAsync(db, contract.DemandId, DemandLifecycle.Complete, now, ct);
            await projection.RefreshAsync(contract.EnterpriseId, ct);
            outbox.Publish(accepted);
            outbox.Publish(completed);
        }
        else
        {
            await alerts.RaiseAsync(new RiskAlert(AlertTypes.DeliveryRejected, $"delivery_rejected:{c.DeliveryId}", contract.RegionCode, "contract",
                contract.Id.ToString(), contract.Number,
                $"Delivery {delivery.Attempt} of contract {contract.Number} ({contract.EnterpriseName}) was rejected: {decisionNote}",
                $"合同{contract.Number}（{contract.EnterpriseName}）第{delivery.Attempt}次交付未通过验收：{decisionNote}",
                new
                {
                    contract = $"/api/v1/contracts/{contract.Id}", deliveryId = c.DeliveryId, delivery.Attempt, c.SampleSize, c.MeasuredAccuracy,
                    contract.MinimumAccuracy, enterpriseId = contract.EnterpriseId,
                }), now, ct);
            outbox.Publish(decision);
        }
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    private static readonly Sql DecideSql = new("""
        update deliveries set status = @status, sample_size = @sampleSize, measured_accuracy = @measuredAccuracy, decision_note = @note, decided_at = @now
        where id = @id and status = 'submitted'
        """);
    private static readonly Sql CompleteSql = new("""
        update contracts set status = @status, accepted_accuracy = @accuracy, on_time = @onTime, closed_at = @now, updated_at = @now
        where id = @id and status = 'active'
        """);
}
