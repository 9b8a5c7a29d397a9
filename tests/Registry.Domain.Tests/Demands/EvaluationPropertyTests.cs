using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

/// <summary>Properties of <see cref="Evaluation.Rank"/> over random demands and bids.</summary>
public sealed class EvaluationPropertyTests
{
    /// <summary>A demand's terms and its live bids.</summary>
    public sealed record Scenario(EvaluationTerms Terms, IReadOnlyList<BidUnderEvaluation> Bids)
    {
        public override string ToString() =>
            $"{Terms}{Environment.NewLine}" + string.Join(Environment.NewLine, Bids.Select(b => $"  {b}"));
    }

    private static readonly DateOnly Origin = new(2026, 1, 1);
    private static readonly DateTimeOffset SubmissionOrigin = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<EvaluationMethod> Methods = Gen.Frequency(
        (1, Gen.Constant(EvaluationMethod.Lowest)),
        (3, from price in Gen.Choose(0, 100)
            from technical in Gen.Choose(0, 100 - price)
            select new EvaluationMethod(EvaluationMethod.Comprehensive, price, technical, 100 - price - technical)));

    // 0.01 to 1,000,000.00 with two decimals; now and then one of a few round prices, so that equal prices (and ties) occur.
    private static readonly Gen<decimal> Prices = Gen.Frequency(
        (3, Gen.Choose(100, 100_000_000).Select(fen => fen / 100m)),
        (1, Gen.Elements(1_000m, 2_000m, 5_000m)));

    private static readonly Gen<QualityHistory?> Records = Gen.Frequency(
        (1, Gen.Constant<QualityHistory?>(null)),
        (2, from accepted in Gen.Choose(0, 40)
            from accuracy in Gen.Choose(0, 10_000)
            from onTime in Gen.Choose(0, 10_000)
            select (QualityHistory?)new QualityHistory(accepted, accuracy / 10_000m, onTime / 10_000m)));

    private static Gen<BidUnderEvaluation> Bids(int index, int minimumTenThousandths, DateOnly closedOn, int window) =>
        from idHead in Gen.Choose(0, 1_000)
        from price in Prices
        from accuracy in Gen.Choose(minimumTenThousandths, 10_000)
        from deliveryDay in Gen.Choose(0, window)
        from submittedHour in Gen.Choose(0, 3)
        from offsetHours in Gen.Choose(-12, 14)
        from eligible in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from domain in Records
        from overall in Records
        select new BidUnderEvaluation(
            new Guid(idHead, (short)index, 0, 0, 0, 0, 0, 0, 0, 0, 0), // the index keeps the ids distinct
            new Guid(0, (short)index, 1, 0, 0, 0, 0, 0, 0, 0, 0),
            price, closedOn.AddDays(deliveryDay), accuracy / 10_000m,
            SubmissionOrigin.AddHours(submittedHour).ToOffset(TimeSpan.FromHours(offsetHours)),
            eligible, eligible ? null : "The enterprise is excluded from bidding while its exclusion lasts.", domain, overall);

    private static readonly Gen<Scenario> Scenarios =
        from method in Methods
        from minimum in Gen.Frequency((4, Gen.Choose(5_000, 9_999)), (1, Gen.Constant(10_000)))
        from closedOffset in Gen.Choose(0, 730)
        from window in Gen.Frequency((4, Gen.Choose(1, 365)), (1, Gen.Choose(1, 3)))
        from count in Gen.Choose(0, 12)
        let closedOn = Origin.AddDays(closedOffset)
        from bids in Gen.CollectToList(Enumerable.Range(0, count), i => Bids(i, minimum, closedOn, window))
        select new Scenario(new EvaluationTerms(method, minimum / 10_000m, closedOn, closedOn.AddDays(window)), bids.ToList());

    private static Property ForAllScenarios(Func<Scenario, IReadOnlyList<RankedBid>, bool> property) =>
        Prop.ForAll(Scenarios.ToArbitrary(), s => property(s, Evaluation.Rank(s.Terms, s.Bids)));

    private static List<RankedBid> Ranked(IReadOnlyList<RankedBid> ranking) => [.. ranking.Where(r => r.Rank is not null)];

    [Property(MaxTest = 500)]
    public Property The_ranking_is_a_permutation_of_the_eligible_bids_with_ranks_1_to_n() =>
        ForAllScenarios((s, ranking) =>
        {
            var eligible = s.Bids.Where(b => b.Eligible).Select(b => b.BidId).Order().ToList();
            var ranked = Ranked(ranking);
            return ranked.Select(r => r.Bid.BidId).Order().SequenceEqual(eligible)
                   && ranked.Select(r => r.Rank!.Value).SequenceEqual(Enumerable.Range(1, eligible.Count))
                   && ranked.All(r => r.Bid.Eligible && r.Score is not null);
        });

    [Property(MaxTest = 500)]
    public Property Every_bid_appears_once_and_the_ineligible_ones_come_last_without_rank_or_score() =>
        ForAllScenarios((s, ranking) =>
        {
            var eligibleCount = s.Bids.Count(b => b.Eligible);
            var unranked = ranking.Skip(eligibleCount).ToList();
            return ranking.Count == s.Bids.Count
                   && ranking.Select(r => r.Bid.BidId).Order().SequenceEqual(s.Bids.Select(b => b.BidId).Order())
                   && unranked.All(r => !r.Bid.Eligible && r.Rank is null && r.Score is null)
                   && unranked.Select(r => r.Bid).SequenceEqual(s.Bids.Where(b => !b.Eligible)); // in the order given
        });

    [Property(MaxTest = 500)]
    public Property The_ranking_is_sorted_by_total_score_descending() =>
        ForAllScenarios((_, ranking) =>
        {
            var totals = Ranked(ranking).Select(r => r.Score!.Total).ToList();
            return totals.Zip(totals.Skip(1)).All(pair => pair.First >= pair.Second);
        });

    [Property(MaxTest = 500)]
    public Property Equal_totals_are_ordered_by_price_accuracy_delivery_submission_and_bid_id() =>
        ForAllScenarios((_, ranking) =>
        {
            var ranked = Ranked(ranking);
            return ranked.Zip(ranked.Skip(1)).Where(p => p.First.Score!.Total == p.Second.Score!.Total)
                .All(p => TieBreak(p.First.Bid, p.Second.Bid) < 0);
        });

    private static int TieBreak(BidUnderEvaluation a, BidUnderEvaluation b)
    {
        var c = a.Price.CompareTo(b.Price);
        if (c == 0) c = b.Accuracy.CompareTo(a.Accuracy);
        if (c == 0) c = a.DeliveryDate.CompareTo(b.DeliveryDate);
        if (c == 0) c = a.SubmittedAt.CompareTo(b.SubmittedAt);
        if (c == 0) c = string.CompareOrdinal(a.BidId.ToString("D"), b.BidId.ToString("D"));
        return c;
    }

    [Property(MaxTest = 300)]
    public Property The_ranking_does_not_depend_on_the_order_of_the_bids() =>
        ForAllScenarios((s, ranking) =>
        {
            var reversed = Evaluation.Rank(s.Terms, s.Bids.Reverse());
            return Ranked(ranking).Select(r => r.Bid.BidId).SequenceEqual(Ranked(reversed).Select(r => r.Bid.BidId));
        });

    [Property(MaxTest = 500)]
    public Property Every_total_is_the_sum_of_the_three_scores() =>
        ForAllScenarios((_, ranking) =>
            Ranked(ranking).All(r => r.Score!.Total == r.Score.PriceScore + r.Score.TechnicalScore + r.Score.QualityScore));

    [Property(MaxTest = 500)]
    public Property Every_score_lies_between_0_and_its_weight_and_every_factor_between_0_and_1() =>
        ForAllScenarios((s, ranking) =>
        {
            var m = s.Terms.Method;
            return Ranked(ranking).Select(r => r.Score!).All(score =>
                score.PriceScore >= 0 && score.PriceScore <= m.PriceWeight
                && score.TechnicalScore >= 0 && score.TechnicalScore <= m.TechnicalWeight
                && score.QualityScore >= 0 && score.QualityScore <= m.QualityWeight
                && new[] { score.PriceFactor, score.AccuracyFactor, score.DeliveryFactor, score.QualityFactor }.All(f => f is >= 0 and <= 1)
                && Math.Round(score.Total, 2) == score.Total);
        });

    [Property(MaxTest = 500)]
    public Property The_lowest_eligible_price_gets_the_full_price_weight() =>
        ForAllScenarios((s, ranking) =>
        {
            var ranked = Ranked(ranking);
            if (ranked.Count == 0) return true;
            var lowest = ranked.Min(r => r.Bid.Price);
            return ranked.Where(r => r.Bid.Price == lowest).All(r => r.Score!.PriceScore == s.Terms.Method.PriceWeight && r.Score.PriceFactor == 1);
        });

    [Property(MaxTest = 500)]
    public Property Under_lowest_price_the_first_ranked_bid_has_the_minimum_eligible_price() =>
        ForAllScenarios((s, ranking) =>
        {
            if (s.Terms.Method != EvaluationMethod.Lowest) return true;
            var ranked = Ranked(ranking);
            return ranked.Count == 0 || ranked[0].Bid.Price == s.Bids.Where(b => b.Eligible).Min(b => b.Price);
        });

    [Property(MaxTest = 500)]
    public Property Under_lowest_price_the_ranking_follows_the_price() =>
        ForAllScenarios((s, ranking) =>
        {
            if (s.Terms.Method != EvaluationMethod.Lowest) return true;
            var prices = Ranked(ranking).Select(r => r.Bid.Price).ToList();
            return prices.Zip(prices.Skip(1)).All(p => p.First <= p.Second);
        });

    [Property(MaxTest = 500)]
    public Property The_quality_basis_follows_the_records() =>
        ForAllScenarios((_, ranking) => Ranked(ranking).All(r =>
        {
            var (bid, score) = (r.Bid, r.Score!);
            return bid.DomainRecord is { AcceptedCount: > 0 } d ? score.QualityBasis == QualityBasis.Domain && score.QualityDeliveries == d.AcceptedCount
                : bid.OverallRecord is { AcceptedCount: > 0 } o ? score.QualityBasis == QualityBasis.AllDomains && score.QualityDeliveries == o.AcceptedCount
                : score.QualityBasis == QualityBasis.Newcomer && score.QualityDeliveries == 0 && score.QualityFactor == Evaluation.NeutralQuality;
        }));

    [Fact]
    public void The_scenarios_hold_ties_ineligible_bids_and_both_methods()
    {
        var samples = Scenarios.Sample(200);

        Assert.Contains(samples, s => s.Terms.Method == EvaluationMethod.Lowest);
        Assert.Contains(samples, s => s.Terms.Method.Kind == EvaluationMethod.Comprehensive);
        Assert.Contains(samples, s => s.Bids.Any(b => !b.Eligible) && s.Bids.Count(b => b.Eligible) > 1);
        Assert.Contains(samples, s =>
        {
            var totals = Ranked(Evaluation.Rank(s.Terms, s.Bids)).Select(r => r.Score!.Total).ToList();
            return totals.Distinct().Count() < totals.Count;
        });
    }
}
