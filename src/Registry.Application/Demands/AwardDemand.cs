using System.Globalization;
using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Application.Contracts;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Demands;

/// <summary>
/// The agency awards its evaluated demand to one bid, normally the top-ranked; awarding another needs a written reason,
/// which the contract keeps and a risk alert raises to the regulators of the demand's region. The award creates the
/// contract; the winner and every other bidder are notified through the outbox. Only one award can ever succeed.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record AwardDemand(Guid DemandId, long ExpectedVersion, Guid BidId, string? Reason) : ICommand<ContractView>;

public sealed class AwardDemandValidator : AbstractValidator<AwardDemand>
{
    public AwardDemandValidator()
    {
        RuleFor(x => x.BidId).NotEmpty();
        RuleFor(x => x.Reason).MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class AwardDemandHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock) : IRequestHandler<AwardDemand, ContractView>
{
    public async Task<ContractView> Handle(AwardDemand c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.DemandId, c.ExpectedVersion, ct);
        await Challenges.Suspensions.EnsureNotSuspendedAsync(db, c.DemandId, clock.GetUtcNow(), ct);
        if (demand.Status != DemandStatus.Evaluating) throw new InvalidTransitionException("demand", demand.Status, "awarded");
        var candidates = await EvaluationReads.CandidatesAsync(db, c.DemandId, ct)
            ?? throw new BusinessRuleException("not_evaluated", "Evaluate the bids before awarding: POST /api/v1/demands/{id}/evaluation.");
        var chosen = candidates.FirstOrDefault(b => b.BidId == c.BidId);
        var reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim();
        if (AwardRules.Problem(chosen, reason) is { } problem) throw ValidationFailed.For(problem.Field, Texts.Of(problem.Message));
        var winner = chosen!;
        // Standing may have changed since the evaluation (a certificate suspended meanwhile): the winner must still be eligible.
        var standing = await EligibilityReads.ProblemsAsync(db, demand, winner.EnterpriseId, clock, ct);
        if (standing.Count > 0)
            throw new BusinessRuleException("bidder_no_longer_eligible",
                "The bidder is no longer eligible; evaluate again before awarding: " + string.Join(" ", standing.Select(p => p.Message)));

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var prefix = FormattableString.Invariant($"HT-{ChinaTime.Today(clock).Year}-");
        var number = prefix + (await db.ScalarAsync<long>(ContractCountSql, new { pattern = prefix + "%" }, ct) + 1).ToString("000000", CultureInfo.InvariantCulture);
        var awarded = DemandLifecycle.Award(c.DemandId, demand.Status, id, number, winner);
        // The demand's row decides a race between two awards: the second waits for the first's commit, then finds it awarded.
        if (await db.ExecuteAsync(AwardSql, new { c.DemandId, awarded.Status, now }, ct) == 0)
            throw new InvalidTransitionException("demand", "awarded or closed meanwhile", "awarded");
        await db.ExecuteAsync(InsertContractSql, new
        {
            id, number, c.DemandId, winner.BidId, demand.AgencyId, winner.EnterpriseId, demand.Domain, demand.RegionCode, value = winner.Price,
            demand.Volume, demand.VolumeUnit, demand.MinimumAccuracy, dueDate = winner.DeliveryDate, rank = winner.Rank, reason,
            status = ContractStatus.Pending, now,
        }, ct);

        if (winner.Rank != 1)
        {
            var winnerName = await db.ScalarAsync<string>(EnterpriseNameSql, new { winner.EnterpriseId }, ct);
            await alerts.RaiseAsync(new RiskAlert(AlertTypes.AwardNotTopRanked, $"award_not_top_ranked:{c.DemandId}", demand.RegionCode, "contract",
                id.ToString(), number,
                $"Demand {demand.Number} ({demand.Title}) was awarded to {winnerName}, ranked {winner.Rank}, not first. The agency's reason: {reason}",
                $"需求{demand.Number}（{demand.Title}）授予排名第{winner.Rank}而非第一的{winnerName}。采购单位说明的理由：{reason}",
                new
                {
                    demand = $"/api/v1/demands/{c.DemandId}", evaluation = $"/api/v1/demands/{c.DemandId}/evaluation", contract = $"/api/v1/contracts/{id}",
                    winner.BidId, winner.EnterpriseId, rank = winner.Rank, winner.Price, reason,
                }), now, ct);
        }
        outbox.Publish(awarded.Event);
        var opened = (await db.QueryAsync<BidRow>(BidSql.OpenedSql, new { c.DemandId }, ct)).ToList();
        await RotationAlerts.RaiseIfCompletedAsync(db, alerts, new AwardedTender(c.DemandId, demand.AgencyId, demand.RegionCode,
            opened.Select(b => b.EnterpriseId).ToHashSet(), winner.EnterpriseId, now), ct);
        foreach (var bid in opened)
            if (bid.Id == winner.BidId) await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Win(bid.State, id), now, ct);
            else await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Lose(bid.State, candidates.FirstOrDefault(b => b.BidId == bid.Id)?.Rank), now, ct);
        outbox.Concerning("contract", id.ToString());
        return await ContractReads.ViewAsync(db, id, ct);
    }

    private static readonly Sql EnterpriseNameSql = new("select name_zh from organizations where id = @enterpriseId");
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
