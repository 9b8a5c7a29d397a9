using System.Globalization;
using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Application.Contracts;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Demands;

/// <summary>
/// The agency awards its evaluated demand to one bid, normally the top-ranked; awarding another needs a written reason,
/// which the contract keeps and a risk alert raises to the regulators of the demand's region. The award creates the
/// contract; the winner and every other bidder are notified through the outbox. Only one award can ever succeed.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record AwardDemand(Guid DemandId, Guid BidId, string? Reason) : ICommand<ContractView>;

public sealed class AwardDemandValidator : AbstractValidator<AwardDemand>
{
    public AwardDemandValidator()
    {
        RuleFor(x => x.BidId).NotEmpty();
        RuleFor(x => x.Reason).MultilineText(2000);
    }
}

internal sealed class AwardDemandHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock) : IRequestHandler<AwardDemand, ContractView>
{
    public async Task<ContractView> Handle(AwardDemand c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.DemandId, ct);
        var status = DemandLifecycle.Award(demand.Status);
        var evaluation = await EvaluationReads.FindAsync(db, c.DemandId, ct)
            ?? throw new RuleViolation("not_evaluated", "Evaluate the bids before awarding: POST /api/v1/demands/{id}/evaluation.");
        var chosen = evaluation.Bids.FirstOrDefault(b => b.BidId == c.BidId);
        var reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim();
        var ranked = chosen is null ? null : new RankedBid(new BidUnderEvaluation(chosen.BidId, chosen.EnterpriseId, chosen.Price, chosen.DeliveryDate,
            chosen.Accuracy, default, chosen.Eligible, chosen.IneligibilityReason, null, null), chosen.Rank, chosen.Score);
        if (AwardRules.Problem(ranked, reason) is { } problem) throw ValidationFailed.For(problem.Field, problem.Message);
        var winner = chosen!;
        // Standing may have changed since the evaluation (a certificate suspended meanwhile): the winner must still be eligible.
        var standing = await EligibilityReads.ProblemsAsync(db, demand, winner.EnterpriseId, ct);
        if (standing.Count > 0)
            throw new RuleViolation("bidder_no_longer_eligible",
                "The bidder is no longer eligible; evaluate again before awarding: " + string.Join(" ", standing.Select(p => p.Message)));

        var now = clock.GetUtcNow();
        // The demand's row decides a race between two awards: the second waits for the first's commit, then finds it awarded.
        if (await db.ExecuteAsync(AwardSql, new { c.DemandId, status, now }, ct) == 0)
            throw new Conflict("already_awarded", "The demand was awarded or closed meanwhile. Read it again.");
        var id = Guid.CreateVersion7();
        var prefix = FormattableString.Invariant($"HT-{ChinaTime.Today(clock).Year}-");
        var number = prefix + (await db.ScalarAsync<long>(ContractCountSql, new { pattern = prefix + "%" }, ct) + 1).ToString("000000", CultureInfo.InvariantCulture);
        await db.ExecuteAsync(InsertContractSql, new
        {
            id, number, c.DemandId, winner.BidId, demand.AgencyId, winner.EnterpriseId, demand.Domain, demand.RegionCode, value = winner.Price,
            demand.Volume, demand.VolumeUnit, demand.MinimumAccuracy, dueDate = winner.DeliveryDate, rank = winner.Rank, reason,
            status = ContractStatus.Active, now,
        }, ct);

        if (winner.Rank != 1)
            await alerts.RaiseAsync(new RiskAlert("award_not_top_ranked", $"award_not_top_ranked:{c.DemandId}", demand.RegionCode, "contract",
                id.ToString(), $"Demand {demand.Number} ({demand.Title}) was awarded to {winner.EnterpriseNameZh}, ranked {winner.Rank}, not first. " +
                $"The agency's reason: {reason}"), now, ct);
        outbox.Publish(new OutboxEvent("demand.awarded", "demand", c.DemandId.ToString(),
            new { c.DemandId, contractId = id, number, winner.BidId, winner.EnterpriseId, value = winner.Price, rank = winner.Rank }));
        outbox.Publish(new OutboxEvent("bid.won", "bid", winner.BidId.ToString(), new { winner.BidId, c.DemandId, winner.EnterpriseId, contractId = id }));
        foreach (var loser in evaluation.Bids.Where(b => b.BidId != winner.BidId))
            outbox.Publish(new OutboxEvent("bid.lost", "bid", loser.BidId.ToString(), new { loser.BidId, c.DemandId, loser.EnterpriseId, loser.Rank }));
        outbox.Concerning("contract", id.ToString());
        return await ContractReads.ViewAsync(db, id, ct);
    }

    // Two awards of different demands may count alike: the unique index on number refuses the second, which runs again.
    private static readonly Sql ContractCountSql = new("select count(*) from contracts where number like @pattern");
    private static readonly Sql InsertContractSql = new("""
        insert into contracts (id, number, demand_id, bid_id, agency_id, enterprise_id, domain, region_code, contract_value, volume, volume_unit,
            minimum_accuracy, due_date, bid_rank, award_reason, status, status_reason, accepted_accuracy, on_time, awarded_at, closed_at,
            row_version, updated_at)
        values (@id, @number, @demandId, @bidId, @agencyId, @enterpriseId, @domain, @regionCode, @value, @volume, @volumeUnit,
            @minimumAccuracy, @dueDate, @rank, @reason, @status, null, null, null, @now, null, 1, @now)
        """);
    private static readonly Sql AwardSql = new("""
        update demands set status = @status, row_version = row_version + 1, updated_at = @now where id = @demandId and status = 'evaluating'
        """);
}
