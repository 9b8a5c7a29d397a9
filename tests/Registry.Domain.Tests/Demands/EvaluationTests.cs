using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

/// <summary>
/// Worked examples of the evaluation, every figure computed by hand. docs/evaluation.md repeats the lowest price example
/// (<see cref="Lowest_price_ranks_by_price_alone_and_scores_100_times_the_lowest_price_over_the_bid_price"/>) and the
/// comprehensive one (<see cref="Comprehensive_example_an_experienced_bidder_beats_a_cheaper_newcomer_on_quality"/>).
/// </summary>
public sealed class EvaluationTests
{
    // Bidding closed on 2026-12-01 and delivery is due on 2027-01-30: a window of 60 days (31 in December, 29 in January).
    private static readonly DateOnly ClosedOn = new(2026, 12, 1);
    private static readonly DateOnly Due = new(2027, 1, 30);
    private static readonly DateTimeOffset Submitted = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly EvaluationMethod Weighted = new(EvaluationMethod.Comprehensive, 50, 30, 20);

    private static EvaluationTerms Terms(EvaluationMethod method, decimal minimumAccuracy = 0.95m) => new(method, minimumAccuracy, ClosedOn, Due);

    private static Guid Id(int n) => new(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static BidUnderEvaluation Bid(Guid id, decimal price, decimal accuracy = 0.95m, DateOnly? delivery = null, DateTimeOffset? submitted = null,
        bool eligible = true, QualityHistory? domain = null, QualityHistory? overall = null) =>
        new(id, Guid.NewGuid(), price, delivery ?? Due, accuracy, submitted ?? Submitted, eligible, eligible ? null : "The enterprise's certificate is suspended, not active.",
            domain, overall);

    private static BidUnderEvaluation Bid(int id, decimal price, decimal accuracy = 0.95m, DateOnly? delivery = null, DateTimeOffset? submitted = null,
        bool eligible = true, QualityHistory? domain = null, QualityHistory? overall = null) =>
        Bid(Id(id), price, accuracy, delivery, submitted, eligible, domain, overall);

    private static ScoreBreakdown ScoreOf(IReadOnlyList<RankedBid> ranking, Guid id) => ranking.Single(r => r.Bid.BidId == id).Score!;

    private static Guid[] Order(IReadOnlyList<RankedBid> ranking) => [.. ranking.Select(r => r.Bid.BidId)];

    // Lowest price

    [Fact]
    public void Lowest_price_ranks_by_price_alone_and_scores_100_times_the_lowest_price_over_the_bid_price()
    {
        // The cheapest bid proposes the bare minimum accuracy and delivers on the due date; the dearest is perfect and immediate.
        var a = Bid(1, 80_000.00m, accuracy: 0.95m, delivery: Due);
        var b = Bid(2, 90_000.00m, accuracy: 0.99m, delivery: new DateOnly(2027, 1, 1));
        var c = Bid(3, 120_000.00m, accuracy: 1.00m, delivery: ClosedOn);

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [b, c, a]);

        Assert.Equal([Id(1), Id(2), Id(3)], Order(ranking));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));

        var sa = ScoreOf(ranking, Id(1));
        Assert.Equal((100.00m, 0m, 0m, 100.00m, 1.0000m), (sa.PriceScore, sa.TechnicalScore, sa.QualityScore, sa.Total, sa.PriceFactor));

        // 100 × 80,000 ÷ 90,000 = 88.888… → 88.89
        var sb = ScoreOf(ranking, Id(2));
        Assert.Equal((88.89m, 0m, 0m, 88.89m, 0.8889m), (sb.PriceScore, sb.TechnicalScore, sb.QualityScore, sb.Total, sb.PriceFactor));
        // The factors are still shown, but weigh nothing: accuracy (0.99 − 0.95) ÷ 0.05 = 0.8; delivery 29 of 60 days unused.
        Assert.Equal((0.8000m, 0.4833m), (sb.AccuracyFactor, sb.DeliveryFactor));

        // 100 × 80,000 ÷ 120,000 = 66.666… → 66.67
        var sc = ScoreOf(ranking, Id(3));
        Assert.Equal((66.67m, 0m, 0m, 66.67m, 0.6667m), (sc.PriceScore, sc.TechnicalScore, sc.QualityScore, sc.Total, sc.PriceFactor));
        Assert.Equal((1.0000m, 1.0000m), (sc.AccuracyFactor, sc.DeliveryFactor));
    }

    [Fact]
    public void Under_lowest_price_a_quality_record_changes_nothing()
    {
        var experienced = Bid(1, 100_000m, domain: new QualityHistory(20, 1.0m, 1.0m));
        var newcomer = Bid(2, 99_000m);

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [experienced, newcomer]);

        Assert.Equal([Id(2), Id(1)], Order(ranking));
        Assert.Equal(0m, ranking[1].Score!.QualityScore);
        Assert.Equal(QualityBasis.Domain, ranking[1].Score!.QualityBasis);
        Assert.Equal(99.00m, ranking[1].Score!.Total); // 100 × 99,000 ÷ 100,000
    }

    [Fact]
    public void Prices_a_fen_apart_can_round_to_the_same_total_and_the_lower_price_still_wins()
    {
        // 100 × 99,999.99 ÷ 100,000 = 99.99999 → 100.00, the same total as the lowest bid's.
        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [Bid(1, 100_000.00m), Bid(2, 99_999.99m)]);

        Assert.Equal([100.00m, 100.00m], ranking.Select(r => r.Score!.Total));
        Assert.Equal([Id(2), Id(1)], Order(ranking));
    }

    // Comprehensive

    [Fact]
    public void Comprehensive_example_an_experienced_bidder_beats_a_cheaper_newcomer_on_quality()
    {
        // Weights 50/30/20, minimum accuracy 0.95, window 2026-12-01 → 2027-01-30 (60 days).
        var newcomer = Bid(1, 90_000.00m, accuracy: 0.98m, delivery: new DateOnly(2027, 1, 15));
        var experienced = Bid(2, 92_000.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 20),
            domain: new QualityHistory(8, 0.99m, 0.875m), overall: new QualityHistory(12, 0.98m, 0.90m));

        var ranking = Evaluation.Rank(Terms(Weighted), [newcomer, experienced]);

        Assert.Equal([Id(2), Id(1)], Order(ranking));

        var n = ScoreOf(ranking, Id(1));
        Assert.Equal(1.0000m, n.PriceFactor);
        Assert.Equal(0.6000m, n.AccuracyFactor);             // (0.98 − 0.95) ÷ (1 − 0.95)
        Assert.Equal(0.2500m, n.DeliveryFactor);             // 15 of 60 days left unused
        Assert.Equal((QualityBasis.Newcomer, 0, 0.5m), (n.QualityBasis, n.QualityDeliveries, n.QualityFactor));
        Assert.Equal(50.00m, n.PriceScore);                  // 50 × 90,000 ÷ 90,000
        Assert.Equal(12.75m, n.TechnicalScore);              // 30 × (0.6 + 0.25) ÷ 2
        Assert.Equal(10.00m, n.QualityScore);                // 20 × 0.5
        Assert.Equal(72.75m, n.Total);

        var e = ScoreOf(ranking, Id(2));
        Assert.Equal(0.9783m, e.PriceFactor);                // 90,000 ÷ 92,000 = 0.97826…
        Assert.Equal(0.4000m, e.AccuracyFactor);             // (0.97 − 0.95) ÷ 0.05
        Assert.Equal(0.1667m, e.DeliveryFactor);             // 10 of 60 days = 0.16666…
        // The domain record wins over the all-domains one: accuracy factor of 0.99 is 0.8, on time 0.875, observed 0.8375;
        // blended (8 × 0.8375 + 2 × 0.5) ÷ (8 + 2) = 0.77.
        Assert.Equal((QualityBasis.Domain, 8, 0.7700m), (e.QualityBasis, e.QualityDeliveries, e.QualityFactor));
        Assert.Equal(48.92m, e.PriceScore);                  // 50 × the shown factor 0.9783 = 48.915 → 48.92
        Assert.Equal(8.50m, e.TechnicalScore);               // 30 × (0.4 + 0.1667) ÷ 2 = 8.5005
        Assert.Equal(15.40m, e.QualityScore);                // 20 × 0.77
        Assert.Equal(72.82m, e.Total);
    }

    [Fact]
    public void The_same_bids_without_the_record_would_rank_the_cheaper_newcomer_first()
    {
        var newcomer = Bid(1, 90_000.00m, accuracy: 0.98m, delivery: new DateOnly(2027, 1, 15));
        var another = Bid(2, 92_000.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 20));

        var ranking = Evaluation.Rank(Terms(Weighted), [another, newcomer]);

        Assert.Equal([Id(1), Id(2)], Order(ranking));
        Assert.Equal(67.42m, ranking[1].Score!.Total); // 48.92 + 8.50 + 10.00
    }

    [Fact]
    public void Score_can_be_called_for_one_bid_with_the_lowest_eligible_price()
    {
        var score = Evaluation.Score(Terms(Weighted), Bid(1, 92_000.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 20)), 90_000.00m);

        Assert.Equal((48.92m, 8.50m, 10.00m, 67.42m), (score.PriceScore, score.TechnicalScore, score.QualityScore, score.Total));
    }

    [Fact]
    public void Score_refuses_a_price_of_zero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Score(Terms(Weighted), Bid(1, 0m), 1m));

    // Rounding

    [Fact]
    public void Points_are_rounded_half_away_from_zero()
    {
        // 50 × 2,469 ÷ 10,000 = 12.345 → 12.35 (banker's rounding would give 12.34)
        var score = Evaluation.Score(Terms(Weighted), Bid(1, 10_000m), 2_469m);

        Assert.Equal(12.35m, score.PriceScore);
        Assert.Equal(0.2469m, score.PriceFactor);
    }

    [Fact]
    public void Factors_are_rounded_to_four_decimals_half_away_from_zero() =>
        // (0.912345 − 0.9) ÷ 0.1 = 0.12345 → 0.1235
        Assert.Equal(0.1235m, Evaluation.AccuracyFactor(0.912345m, 0.9m));

    [Fact]
    public void Each_score_comes_from_the_shown_factors_and_the_total_is_the_sum_of_the_shown_scores()
    {
        // 50 × 0.9783 = 48.915 → 48.92, 30 × (0.4 + 0.1667) ÷ 2 = 8.5005 → 8.50, 20 × 0.7917 = 15.834 → 15.83 (all-domains record of 10 at 0.99,
        // 90 % on time): the total is 48.92 + 8.50 + 15.83 = 73.25.
        var bid = Bid(1, 92_000.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 20), overall: new QualityHistory(10, 0.99m, 0.90m));

        var score = Evaluation.Score(Terms(Weighted), bid, 90_000.00m);

        Assert.Equal((48.92m, 8.50m, 15.83m, 73.25m), (score.PriceScore, score.TechnicalScore, score.QualityScore, score.Total));
    }

    // Ties: one test per tie-break level

    [Fact]
    public void Equal_totals_are_broken_first_by_the_lower_price()
    {
        // Weights 50/50/0, minimum 0.90. The cheap bid: 50 + 0 = 50. The dear one: 50 × 100 ÷ 125 = 40, plus 50 × (0.4 + 0) ÷ 2 = 10.
        var terms = new EvaluationTerms(new EvaluationMethod(EvaluationMethod.Comprehensive, 50, 50, 0), 0.90m, ClosedOn, Due);
        var cheap = Bid(9, 100.00m, accuracy: 0.90m, submitted: Submitted.AddHours(1));
        var dear = Bid(1, 125.00m, accuracy: 0.94m);

        var ranking = Evaluation.Rank(terms, [dear, cheap]);

        Assert.Equal(50.00m, ranking[0].Score!.Total);
        Assert.Equal(50.00m, ranking[1].Score!.Total);
        Assert.Equal([Id(9), Id(1)], Order(ranking));
    }

    [Fact]
    public void Equal_totals_and_prices_are_broken_by_the_higher_accuracy()
    {
        // Weights 50/50/0, minimum 0.90, same price. 0.96 delivering 6 days early: 0.6 + 0.1; 0.95 delivering 12 days early: 0.5 + 0.2.
        var terms = new EvaluationTerms(new EvaluationMethod(EvaluationMethod.Comprehensive, 50, 50, 0), 0.90m, ClosedOn, Due);
        var accurate = Bid(9, 100.00m, accuracy: 0.96m, delivery: Due.AddDays(-6), submitted: Submitted.AddHours(1));
        var early = Bid(1, 100.00m, accuracy: 0.95m, delivery: Due.AddDays(-12));

        var ranking = Evaluation.Rank(terms, [early, accurate]);

        Assert.Equal(67.50m, ranking[0].Score!.Total);
        Assert.Equal(67.50m, ranking[1].Score!.Total);
        Assert.Equal([Id(9), Id(1)], Order(ranking));
    }

    [Fact]
    public void Equal_totals_prices_and_accuracies_are_broken_by_the_earlier_delivery_date()
    {
        var earlier = Bid(9, 100.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 10), submitted: Submitted.AddHours(1));
        var later = Bid(1, 100.00m, accuracy: 0.97m, delivery: new DateOnly(2027, 1, 20));

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [later, earlier]);

        Assert.Equal(ranking[0].Score!.Total, ranking[1].Score!.Total);
        Assert.Equal([Id(9), Id(1)], Order(ranking));
    }

    [Fact]
    public void Then_by_the_earlier_submission_as_an_instant_whatever_its_offset()
    {
        // 10:00 in Beijing is 02:00 UTC, before 03:00 UTC although its clock reads later.
        var first = Bid(9, 100.00m, submitted: new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        var second = Bid(1, 100.00m, submitted: new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [second, first]);

        Assert.Equal([Id(9), Id(1)], Order(ranking));
    }

    [Fact]
    public void Then_by_the_bid_id_ordinal_on_its_lower_case_text()
    {
        // As text "000000ff-…" comes before "01000000-…"; as bytes (little-endian first group: ff 00 00 00 vs 00 00 00 01) it would not.
        var low = Guid.Parse("000000FF-0000-0000-0000-000000000000");
        var high = Guid.Parse("01000000-0000-0000-0000-000000000000");

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [Bid(high, 100.00m), Bid(low, 100.00m)]);

        Assert.Equal([low, high], Order(ranking));
        Assert.Equal([1, 2], ranking.Select(r => r.Rank));
    }

    [Fact]
    public void The_ranking_does_not_depend_on_the_order_the_bids_are_given_in()
    {
        var bids = Enumerable.Range(1, 6).Select(i => Bid(i, 100.00m)).ToList();

        var forward = Evaluation.Rank(Terms(EvaluationMethod.Lowest), bids);
        var backward = Evaluation.Rank(Terms(EvaluationMethod.Lowest), Enumerable.Reverse(bids));

        Assert.Equal(Order(forward), Order(backward));
        Assert.Equal([Id(1), Id(2), Id(3), Id(4), Id(5), Id(6)], Order(forward));
    }

    // Newcomers and the quality record

    [Fact]
    public void A_newcomer_without_any_record_gets_exactly_the_neutral_factor()
    {
        var score = ScoreOf(Evaluation.Rank(Terms(Weighted), [Bid(1, 100m)]), Id(1));

        Assert.Equal(0.5m, Evaluation.NeutralQuality);
        Assert.Equal(0.5m, score.QualityFactor);
        Assert.Equal(QualityBasis.Newcomer, score.QualityBasis);
        Assert.Equal("newcomer", score.QualityBasis);
        Assert.Equal(0, score.QualityDeliveries);
        Assert.Equal(10.00m, score.QualityScore);
    }

    [Fact]
    public void Records_without_accepted_deliveries_count_as_none()
    {
        var bid = Bid(1, 100m, domain: new QualityHistory(0, 0m, 0m), overall: new QualityHistory(0, 0m, 0m));

        var score = Evaluation.Score(Terms(Weighted), bid, 100m);

        Assert.Equal((QualityBasis.Newcomer, 0, 0.5m, 10.00m), (score.QualityBasis, score.QualityDeliveries, score.QualityFactor, score.QualityScore));
    }

    [Fact]
    public void The_domain_record_is_preferred_over_the_all_domains_record()
    {
        // Domain: 2 deliveries at 0.97 (factor 0.4), all on time: observed 0.7, blended (2 × 0.7 + 1) ÷ 4 = 0.6.
        var bid = Bid(1, 100m, domain: new QualityHistory(2, 0.97m, 1.0m), overall: new QualityHistory(10, 0.99m, 1.0m));

        var score = Evaluation.Score(Terms(Weighted), bid, 100m);

        Assert.Equal((QualityBasis.Domain, 2, 0.6000m, 12.00m), (score.QualityBasis, score.QualityDeliveries, score.QualityFactor, score.QualityScore));
        Assert.Equal("domain", score.QualityBasis);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_all_domains_record_is_used_when_there_is_no_domain_record(bool emptyDomainRecord)
    {
        // All domains: 10 deliveries at 0.99 (factor 0.8), 90 % on time: observed 0.85, blended (8.5 + 1) ÷ 12 = 0.79166… → 0.7917;
        // 20 × 0.7917 = 15.834 → 15.83.
        var bid = Bid(1, 100m, domain: emptyDomainRecord ? new QualityHistory(0, 0m, 0m) : null, overall: new QualityHistory(10, 0.99m, 0.90m));

        var score = Evaluation.Score(Terms(Weighted), bid, 100m);

        Assert.Equal((QualityBasis.AllDomains, 10, 0.7917m, 15.83m), (score.QualityBasis, score.QualityDeliveries, score.QualityFactor, score.QualityScore));
        Assert.Equal("all_domains", score.QualityBasis);
    }

    [Theory]
    [InlineData(1, "1.0", "1.0", "0.6667")]   // (1 × 1 + 2 × 0.5) ÷ 3
    [InlineData(2, "1.0", "1.0", "0.75")]     // (2 + 1) ÷ 4
    [InlineData(8, "1.0", "1.0", "0.9")]      // (8 + 1) ÷ 10
    [InlineData(98, "1.0", "1.0", "0.99")]    // (98 + 1) ÷ 100
    [InlineData(1, "0.95", "0", "0.3333")]    // observed 0: (0 + 1) ÷ 3
    [InlineData(3, "0.97", "0.5", "0.47")]    // observed (0.4 + 0.5) ÷ 2 = 0.45: (1.35 + 1) ÷ 5
    [InlineData(8, "0.99", "0.875", "0.77")]  // observed (0.8 + 0.875) ÷ 2 = 0.8375: (6.7 + 1) ÷ 10
    [InlineData(4, "0.90", "1.0", "0.5")]     // a mean below the minimum has accuracy factor 0: observed 0.5
    [InlineData(0, "1.0", "1.0", "0.5")]      // no accepted delivery: neutral
    public void The_record_is_blended_with_two_neutral_deliveries(int accepted, string meanAccuracy, string onTimeRate, string expected)
    {
        var record = new QualityHistory(accepted, decimal.Parse(meanAccuracy, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(onTimeRate, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, Evaluation.CredibilityDeliveries);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Evaluation.QualityFactor(record, 0.95m));
    }

    [Fact]
    public void One_perfect_delivery_does_not_outweigh_a_long_good_record() =>
        Assert.True(Evaluation.QualityFactor(new QualityHistory(1, 1.0m, 1.0m), 0.95m)
                    < Evaluation.QualityFactor(new QualityHistory(8, 0.99m, 0.875m), 0.95m));

    [Fact]
    public void The_record_is_measured_against_this_demands_minimum()
    {
        // 8 deliveries at a mean of 0.99, all on time. Against 0.95: accuracy factor 0.8, observed 0.9, (7.2 + 1) ÷ 10 = 0.82.
        // Against 0.98: factor 0.5, observed 0.75, (6 + 1) ÷ 10 = 0.7. Against 0.99: factor 0, observed 0.5, (4 + 1) ÷ 10 = 0.5.
        var record = new QualityHistory(8, 0.99m, 1.0m);

        Assert.Equal(0.82m, Evaluation.QualityFactor(record, 0.95m));
        Assert.Equal(0.7m, Evaluation.QualityFactor(record, 0.98m));
        Assert.Equal(0.5m, Evaluation.QualityFactor(record, 0.99m));
    }

    // A single bid, ineligible bids

    [Fact]
    public void A_single_bid_is_ranked_first_with_the_full_price_score()
    {
        var ranking = Evaluation.Rank(Terms(Weighted), [Bid(1, 75_000m)]);

        var only = Assert.Single(ranking);
        Assert.Equal(1, only.Rank);
        Assert.Equal(50.00m, only.Score!.PriceScore);
        Assert.Equal(1.0000m, only.Score.PriceFactor);
    }

    [Fact]
    public void Ineligible_bids_are_listed_after_the_ranked_ones_without_rank_or_score_and_do_not_set_the_lowest_price()
    {
        var cheapButSuspended = Bid(1, 10_000m, eligible: false);
        var a = Bid(2, 80_000m);
        var alsoIneligible = Bid(3, 50_000m, eligible: false);
        var b = Bid(4, 100_000m);

        var ranking = Evaluation.Rank(Terms(EvaluationMethod.Lowest), [cheapButSuspended, b, alsoIneligible, a]);

        Assert.Equal([Id(2), Id(4), Id(1), Id(3)], Order(ranking));
        Assert.Equal([1, 2, null, null], ranking.Select(r => r.Rank));
        Assert.Equal(100.00m, ranking[0].Score!.PriceScore); // 80,000 is the lowest eligible price
        Assert.Equal(80.00m, ranking[1].Score!.PriceScore);  // 100 × 80,000 ÷ 100,000
        Assert.Null(ranking[2].Score);
        Assert.Null(ranking[3].Score);
        Assert.Equal("The enterprise's certificate is suspended, not active.", ranking[2].Bid.IneligibilityReason);
    }

    [Fact]
    public void When_every_bid_is_ineligible_nobody_is_ranked()
    {
        var ranking = Evaluation.Rank(Terms(Weighted), [Bid(1, 100m, eligible: false), Bid(2, 90m, eligible: false)]);

        Assert.Equal([Id(1), Id(2)], Order(ranking));
        Assert.All(ranking, r =>
        {
            Assert.Null(r.Rank);
            Assert.Null(r.Score);
        });
    }

    [Fact]
    public void No_bids_give_an_empty_ranking() => Assert.Empty(Evaluation.Rank(Terms(Weighted), []));

    // Edges of the factors

    [Fact]
    public void With_a_minimum_accuracy_of_1_only_perfect_accuracy_counts()
    {
        Assert.Equal(1m, Evaluation.AccuracyFactor(1.0m, 1.0m));
        Assert.Equal(0m, Evaluation.AccuracyFactor(0.9999m, 1.0m));

        var score = Evaluation.Score(Terms(Weighted, minimumAccuracy: 1.0m), Bid(1, 100m, accuracy: 1.0m, delivery: Due), 100m);
        Assert.Equal((1m, 0m, 15.00m), (score.AccuracyFactor, score.DeliveryFactor, score.TechnicalScore)); // 30 × (1 + 0) ÷ 2

        // A record's mean below 1 has accuracy factor 0 there: observed (0 + 1) ÷ 2 = 0.5, blended 0.5. A perfect record: (4 + 1) ÷ 6.
        Assert.Equal(0.5m, Evaluation.QualityFactor(new QualityHistory(4, 0.999m, 1.0m), 1.0m));
        Assert.Equal(0.8333m, Evaluation.QualityFactor(new QualityHistory(4, 1.0m, 1.0m), 1.0m));
    }

    [Theory]
    [InlineData("0.95", "0.95", "0")]
    [InlineData("0.975", "0.95", "0.5")]
    [InlineData("1", "0.95", "1")]
    [InlineData("0.90", "0.95", "0")]    // below the minimum: clamped
    [InlineData("1.2", "0.95", "1")]     // above 1: clamped
    [InlineData("0.5", "0", "0.5")]
    public void The_accuracy_factor_is_the_distance_from_the_minimum_towards_1(string accuracy, string minimum, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Evaluation.AccuracyFactor(decimal.Parse(accuracy, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2027-01-30", "0")]        // on the due date: nothing left unused
    [InlineData("2026-12-01", "1")]        // on the day bidding closed
    [InlineData("2027-01-15", "0.25")]     // 15 of 60 days
    [InlineData("2027-01-10", "0.3333")]   // 20 of 60 days
    [InlineData("2026-12-21", "0.6667")]   // 40 of 60 days
    [InlineData("2026-11-20", "1")]        // before bidding closed: clamped to 1
    [InlineData("2027-02-05", "0")]        // after the due date: clamped to 0
    public void The_delivery_factor_is_the_unused_share_of_the_window_clamped_to_0_and_1(string delivery, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Evaluation.DeliveryFactor(DateOnly.Parse(delivery, System.Globalization.CultureInfo.InvariantCulture), ClosedOn, Due));

    [Fact]
    public void The_delivery_window_is_at_least_one_day()
    {
        // Bidding closed on the due date itself, or even after it: the window counts as one day, so nothing divides by zero.
        Assert.Equal(0m, Evaluation.DeliveryFactor(Due, Due, Due));
        Assert.Equal(1m, Evaluation.DeliveryFactor(Due.AddDays(-1), Due, Due));
        Assert.Equal(1m, Evaluation.DeliveryFactor(Due.AddDays(-3), Due.AddDays(5), Due));
        Assert.Equal(0m, Evaluation.DeliveryFactor(Due, Due.AddDays(5), Due));
    }

    [Fact]
    public void Delivering_on_the_due_date_leaves_only_the_accuracy_in_the_technical_score()
    {
        var score = Evaluation.Score(Terms(Weighted), Bid(1, 100m, accuracy: 0.975m, delivery: Due), 100m);

        Assert.Equal((0.5m, 0m, 7.50m), (score.AccuracyFactor, score.DeliveryFactor, score.TechnicalScore)); // 30 × (0.5 + 0) ÷ 2
    }

    // AwardRules

    private static IReadOnlyList<RankedBid> TwoRankedOneIneligible() =>
        Evaluation.Rank(Terms(EvaluationMethod.Lowest), [Bid(1, 80_000m), Bid(2, 90_000m), Bid(3, 70_000m, eligible: false)]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("The top-ranked bidder is known to us.")]
    public void Awarding_the_top_ranked_bid_needs_no_reason(string? reason)
    {
        var first = TwoRankedOneIneligible()[0];
        Assert.Equal(1, first.Rank);

        Assert.Null(AwardRules.Problem(first.Candidate, reason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Awarding_the_second_bid_without_a_written_reason_is_a_reason_field_error(string? reason)
    {
        var second = TwoRankedOneIneligible()[1];
        Assert.Equal(2, second.Rank);

        var problem = AwardRules.Problem(second.Candidate, reason);

        Assert.NotNull(problem);
        Assert.Equal("reason", problem.Value.Field);
        Assert.Contains("ranked 2", problem.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Awarding_the_second_bid_with_a_reason_may_proceed() =>
        Assert.Null(AwardRules.Problem(TwoRankedOneIneligible()[1].Candidate, "The top-ranked bidder's team is committed to another contract until March."));

    [Fact]
    public void A_bid_not_among_the_evaluated_ones_is_a_bidId_field_error()
    {
        var problem = AwardRules.Problem(null, "any reason");

        Assert.NotNull(problem);
        Assert.Equal("bidId", problem.Value.Field);
    }

    [Fact]
    public void An_ineligible_bid_cannot_be_awarded_even_with_a_reason_and_the_ineligibility_is_named()
    {
        var ineligible = TwoRankedOneIneligible()[2];
        Assert.Null(ineligible.Rank);

        var problem = AwardRules.Problem(ineligible.Candidate, "It is the cheapest.");

        Assert.NotNull(problem);
        Assert.Equal("bidId", problem.Value.Field);
        Assert.Contains("suspended", problem.Value.Message, StringComparison.Ordinal);
    }
}
