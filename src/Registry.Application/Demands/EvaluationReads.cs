using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

internal static class EvaluationReads
{
    /// <summary>The stored ranking as the award rule reads it, best first; null before the first evaluation.</summary>
    public static async Task<IReadOnlyList<AwardCandidate>?> CandidatesAsync(IQueryDb db, Guid demandId, CancellationToken ct) =>
        await db.ScalarAsync<int>(EvaluatedSql, new { demandId }, ct) == 0 ? null
            : (await db.QueryAsync<CandidateRow>(CandidatesSql, new { demandId }, ct))
                .Select(r => new AwardCandidate(r.BidId, r.EnterpriseId, r.Price, r.DeliveryDate, r.Ranking, r.IneligibilityReason)).ToList();

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

    private sealed class CandidateRow
    {
        public Guid BidId { get; init; }
        public Guid EnterpriseId { get; init; }
        public decimal Price { get; init; }
        public DateOnly DeliveryDate { get; init; }
        public int? Ranking { get; init; }
        public string? IneligibilityReason { get; init; }
    }

    private static readonly Sql EvaluatedSql = new("select count(*) from evaluations where demand_id = @demandId");
    private static readonly Sql CandidatesSql = new("""
        select bid_id, enterprise_id, price, delivery_date, ranking, ineligibility_reason
        from evaluation_scores where demand_id = @demandId
        order by case when ranking is null then 1 else 0 end, ranking, price, bid_id
        """);

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
