using MediatR;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>One bid in an evaluation: its figures, its eligibility, and, when eligible, its rank and score breakdown.</summary>
public sealed record EvaluatedBidView(Guid BidId, Guid EnterpriseId, string EnterpriseNameZh, decimal Price, decimal Accuracy, DateOnly DeliveryDate,
    bool Eligible, string? IneligibilityReason, int? Rank, ScoreBreakdown? Score);

/// <summary>A demand's evaluation: the method and terms it applied, and the bids in rank order (ineligible bids last).</summary>
public sealed record EvaluationView
{
    public required Guid DemandId { get; init; }
    public required EvaluationMethod Method { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required DateOnly BiddingClosedOn { get; init; }
    public required DateOnly DueDate { get; init; }
    public decimal? LowestEligiblePrice { get; init; }
    public required int EligibleBids { get; init; }
    /// <summary>How many times the demand has been evaluated; each run replaces the previous result.</summary>
    public required int Runs { get; init; }
    public required DateTimeOffset EvaluatedAt { get; init; }
    public required IReadOnlyList<EvaluatedBidView> Bids { get; init; }
}

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
        if (demand.Status != DemandStatus.Evaluating) throw new Domain.Enterprises.InvalidTransitionException("demand", demand.Status, "evaluated");
        var terms = EvaluationReads.Terms(demand);
        var bids = new List<BidUnderEvaluation>();
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { c.DemandId }, ct))
        {
            var problems = BidEligibility.Problems(SubmitBidHandler.Requirements(demand), await Standing.OfAsync(db, bid.EnterpriseId, ct));
            var (inDomain, overall) = (await QualityRecords.ReadAsync(db, bid.EnterpriseId, ct)).Histories(demand.Domain);
            bids.Add(new BidUnderEvaluation(bid.Id, bid.EnterpriseId, bid.Price, bid.DeliveryDate, bid.Accuracy, bid.SubmittedAt, problems.Count == 0,
                problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message)), inDomain, overall));
        }
        var ranking = Evaluation.Rank(terms, bids);
        var now = clock.GetUtcNow();
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
        outbox.Publish(new OutboxEvent("demand.evaluated", "demand", c.DemandId.ToString(), new { c.DemandId, eligibleBids = eligible.Count, runs = runs + 1 }));
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

/// <summary>
/// A demand's evaluation. The agency and the regulators whose jurisdiction covers the demand's region see every bid;
/// a bidder sees only its own row (with its rank); anyone else gets 404. Before the first evaluation: 404.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record GetEvaluation(Guid DemandId) : IQuery<EvaluationView>;

internal sealed class GetEvaluationHandler(IReadDb db, ICaller caller) : IRequestHandler<GetEvaluation, EvaluationView>
{
    public async Task<EvaluationView> Handle(GetEvaluation q, CancellationToken ct)
    {
        var demand = await DemandReads.FindAsync(db, q.DemandId, ct);
        if (demand is null || demand.Status == DemandStatus.Draft) throw new NotFound("demand", q.DemandId);
        var evaluation = await EvaluationReads.FindAsync(db, q.DemandId, ct) ?? throw new NotFound("evaluation", q.DemandId);
        if (demand.AgencyId == caller.OrganizationId || caller.Covers(demand.RegionCode)) return evaluation;
        if (caller.Role == Roles.Enterprise && evaluation.Bids.Where(b => b.EnterpriseId == caller.OrganizationId).ToList() is [_] own)
            return evaluation with { Bids = own };
        throw new NotFound("evaluation", q.DemandId);
    }
}

internal static class EvaluationReads
{
    public static EvaluationTerms Terms(DemandView demand) =>
        new(demand.Evaluation, demand.MinimumAccuracy, DateOnly.FromDateTime(demand.BidDeadline.ToOffset(ChinaDate.Offset).DateTime), demand.DueDate);

    public static async Task<EvaluationView?> FindAsync(IQueryDb db, Guid demandId, CancellationToken ct)
    {
        var e = await db.QuerySingleOrDefaultAsync<EvaluationRow>(EvaluationSql, new { demandId }, ct);
        if (e is null) return null;
        var bids = await db.QueryAsync<ScoreRow>(ScoresSql, new { demandId }, ct);
        return new EvaluationView
        {
            DemandId = demandId, Method = new EvaluationMethod(e.Method, e.PriceWeight, e.TechnicalWeight, e.QualityWeight),
            MinimumAccuracy = e.MinimumAccuracy, BiddingClosedOn = e.BiddingClosedOn, DueDate = e.DueDate, LowestEligiblePrice = e.LowestEligiblePrice,
            EligibleBids = e.EligibleBids, Runs = e.Runs, EvaluatedAt = e.EvaluatedAt, Bids = bids.Select(b => b.ToView()).ToList(),
        };
    }

    private sealed class EvaluationRow
    {
        public string Method { get; init; } = "";
        public int PriceWeight { get; init; }
        public int TechnicalWeight { get; init; }
        public int QualityWeight { get; init; }
        public decimal MinimumAccuracy { get; init; }
        public DateOnly BiddingClosedOn { get; init; }
        public DateOnly DueDate { get; init; }
        public decimal? LowestEligiblePrice { get; init; }
        public int EligibleBids { get; init; }
        public int Runs { get; init; }
        public DateTimeOffset EvaluatedAt { get; init; }
    }

    private sealed class ScoreRow
    {
        public Guid BidId { get; init; }
        public Guid EnterpriseId { get; init; }
        public string EnterpriseNameZh { get; init; } = "";
        public decimal Price { get; init; }
        public decimal Accuracy { get; init; }
        public DateOnly DeliveryDate { get; init; }
        public bool Eligible { get; init; }
        public string? IneligibilityReason { get; init; }
        public int? Ranking { get; init; }
        public decimal? PriceScore { get; init; }
        public decimal? TechnicalScore { get; init; }
        public decimal? QualityScore { get; init; }
        public decimal? TotalScore { get; init; }
        public decimal? PriceFactor { get; init; }
        public decimal? AccuracyFactor { get; init; }
        public decimal? DeliveryFactor { get; init; }
        public string? QualityBasis { get; init; }
        public int? QualityDeliveries { get; init; }
        public decimal? QualityFactor { get; init; }

        public EvaluatedBidView ToView() => new(BidId, EnterpriseId, EnterpriseNameZh, Price, Accuracy, DeliveryDate, Eligible, IneligibilityReason, Ranking,
            Ranking is null ? null : new ScoreBreakdown(PriceScore ?? 0, TechnicalScore ?? 0, QualityScore ?? 0, TotalScore ?? 0, PriceFactor ?? 0,
                AccuracyFactor ?? 0, DeliveryFactor ?? 0, QualityBasis ?? "", QualityDeliveries ?? 0, QualityFactor ?? 0));
    }

    private static readonly Sql EvaluationSql = new("""
        select method, price_weight, technical_weight, quality_weight, minimum_accuracy, bidding_closed_on, due_date, lowest_eligible_price,
            eligible_bids, runs, evaluated_at
        from evaluations where demand_id = @demandId
        """);

    // Ranked bids first in rank order, then the ineligible ones by price.
    private static readonly Sql ScoresSql = new("""
        select s.bid_id, s.enterprise_id, o.name_zh as enterprise_name_zh, s.price, s.accuracy, s.delivery_date, s.eligible, s.ineligibility_reason,
            s.ranking, s.price_score, s.technical_score, s.quality_score, s.total_score, s.price_factor, s.accuracy_factor, s.delivery_factor,
            s.quality_basis, s.quality_deliveries, s.quality_factor
        from evaluation_scores s join organizations o on o.id = s.enterprise_id
        where s.demand_id = @demandId
        order by case when s.ranking is null then 1 else 0 end, s.ranking, s.price, s.bid_id
        """);
}
