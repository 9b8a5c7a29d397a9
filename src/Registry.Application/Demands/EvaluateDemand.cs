using MediatR;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// The agency evaluates the bids of its demand once bidding has closed: eligibility is checked again, every eligible bid is
/// scored by the demand's method and ranked. It may be re-run until the award; each run replaces the previous result.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record EvaluateDemand(Guid DemandId) : ICommand<EvaluationView>;

internal sealed class EvaluateDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<EvaluateDemand, EvaluationView>
{
    public async Task<EvaluationView> Handle(EvaluateDemand c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.DemandId, ct);
        await Challenges.Suspensions.EnsureNotSuspendedAsync(db, c.DemandId, clock.GetUtcNow(), ct);
        if (demand.Status != DemandStatus.Evaluating) throw new InvalidTransitionException("demand", demand.Status, "evaluated");
        var terms = demand.EvaluationTerms;
        var bids = new List<BidUnderEvaluation>();
        var now = clock.GetUtcNow();
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.OpenedSql, new { c.DemandId }, ct))
        {
            var problems = await EligibilityReads.ProblemsAsync(db, demand, bid.EnterpriseId, clock, ct);
            if (BidLifecycle.Reassess(bid.State, problems) is { } moved) await BidTransitions.ApplyAsync(db, outbox, bid.State, moved, now, ct);
            var (inDomain, overall) = (await QualityRecords.ReadAsync(db, bid.EnterpriseId, ct)).Histories(demand.Domain);
            bids.Add(new BidUnderEvaluation(bid.Id, bid.EnterpriseId, bid.Price, bid.DeliveryDate, bid.Accuracy, bid.SubmittedAt, problems.Count == 0,
                problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message)), inDomain, overall));
        }
        var ranking = Evaluation.Rank(terms, bids);
        var runs = await db.ScalarAsync<int?>(RunsSql, new { c.DemandId }, ct) ?? 0;
        await db.ExecuteAsync(DeleteScoresSql, new { c.DemandId }, ct);
        await db.ExecuteAsync(DeleteEvaluationSql, new { c.DemandId }, ct);
        var eligible = ranking.Where(r => r.Rank is not null).ToList();
        await db.ExecuteAsync(InsertEvaluationSql, new
        {
            c.DemandId, method = terms.Method.Kind, priceWeight = terms.Method.PriceWeight, technicalWeight = terms.Method.TechnicalWeight,
            qualityWeight = terms.Method.QualityWeight, terms.MinimumAccuracy, terms.BiddingClosedOn, terms.DueDate,
            lowestEligiblePrice = eligible.Count == 0 ? (decimal?)null : eligible.Min(r => r.Bid.Price), eligibleBids = eligible.Count,
            runs = runs + 1, now,
        }, ct);
        foreach (var r in ranking)
        {
            var s = r.Score;
            await db.ExecuteAsync(InsertScoreSql, new
            {
                c.DemandId, r.Bid.BidId, r.Bid.EnterpriseId, r.Bid.Price, r.Bid.Accuracy, r.Bid.DeliveryDate, r.Bid.Eligible,
                r.Bid.IneligibilityReason, r.Rank, s?.PriceScore, s?.TechnicalScore, s?.QualityScore, s?.Total, s?.PriceFactor, s?.AccuracyFactor,
                s?.DeliveryFactor, s?.QualityBasis, s?.QualityDeliveries, s?.QualityFactor,
            }, ct);
            await db.ExecuteAsync(BidEligibilitySql, new { id = r.Bid.BidId, r.Bid.Eligible, reason = r.Bid.IneligibilityReason }, ct);
        }
        outbox.Publish(new DemandEvaluated(c.DemandId, eligible.Count, runs + 1));
        return (await EvaluationReads.FindAsync(db, c.DemandId, ct))!;
    }

    private static readonly Sql RunsSql = new("select runs from evaluations where demand_id = @demandId");
    private static readonly Sql DeleteScoresSql = new("delete from evaluation_scores where demand_id = @demandId");
    private static readonly Sql DeleteEvaluationSql = new("delete from evaluations where demand_id = @demandId");
    private static readonly Sql InsertEvaluationSql = new("""
        insert into evaluations (demand_id, method, price_weight, technical_weight, quality_weight, minimum_accuracy, bidding_closed_on, due_date,
            lowest_eligible_price, eligible_bids, runs, evaluated_at)
        values (@demandId, @method, @priceWeight, @technicalWeight, @qualityWeight, @minimumAccuracy, @biddingClosedOn, @dueDate,
            @lowestEligiblePrice, @eligibleBids, @runs, @now)
        """);
    private static readonly Sql InsertScoreSql = new("""
        insert into evaluation_scores (demand_id, bid_id, enterprise_id, price, accuracy, delivery_date, eligible, ineligibility_reason, ranking,
            price_score, technical_score, quality_score, total_score, price_factor, accuracy_factor, delivery_factor, quality_basis,
            quality_deliveries, quality_factor)
        values (@demandId, @bidId, @enterpriseId, @price, @accuracy, @deliveryDate, @eligible, @ineligibilityReason, @rank,
            @priceScore, @technicalScore, @qualityScore, @total, @priceFactor, @accuracyFactor, @deliveryFactor, @qualityBasis,
            @qualityDeliveries, @qualityFactor)
        """);
    private static readonly Sql BidEligibilitySql = new("update bids set eligible = @eligible, ineligibility_reason = @reason where id = @id");
}
