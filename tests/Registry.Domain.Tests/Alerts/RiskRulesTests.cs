using Registry.Domain.Alerts;

namespace Registry.Domain.Tests.Alerts;

public sealed class RiskRulesTests
{
    [Fact]
    public void Every_alert_type_has_a_known_severity() =>
        Assert.All(AlertTypes.All, type => Assert.Contains(AlertTypes.SeverityOf(type), AlertSeverity.All));

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(double[] values, double median) =>
        Assert.Equal((decimal)median, UnitPriceOutlier.Median(values.Select(v => (decimal)v).ToList()));

    [Theory]
    [InlineData(0.99, true)]   // under half the median of 2.00
    [InlineData(1.00, false)]  // exactly half: not far below
    public void A_unit_price_under_half_the_median_of_the_prior_awards_is_far_below(double unitPrice, bool far)
    {
        decimal[] prior = [1.80m, 1.90m, 2.00m, 2.10m, 2.20m];
        Assert.Equal(far, UnitPriceOutlier.FarBelowMedian((decimal)unitPrice, prior) is not null);
    }

    [Fact]
    public void Without_five_prior_awards_no_price_is_far_below() =>
        Assert.Null(UnitPriceOutlier.FarBelowMedian(0.10m, [1.80m, 1.90m, 2.00m, 2.10m]));

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void The_third_refusal_above_standing_within_the_window_reaches_the_threshold(int attempts, bool reached) =>
        Assert.Equal(reached, BidAboveStanding.Reached(attempts));

    [Fact]
    public void Only_grade_and_clearance_refusals_count_as_bidding_above_standing()
    {
        Assert.True(BidAboveStanding.Counts("grade_too_low"));
        Assert.True(BidAboveStanding.Counts("clearance_too_low"));
        Assert.False(BidAboveStanding.Counts("capability_missing"));
        Assert.False(BidAboveStanding.Counts("bidding_closed"));
    }

    private static readonly Guid Agency = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static AwardedTender Tender(Guid winner, int monthsAgo, Guid? agency = null, string region = "510100", params Guid[] bidders) =>
        new(Guid.NewGuid(), agency ?? Agency, region, (bidders.Length == 0 ? [A, B, C] : bidders).ToHashSet(), winner, Now.AddMonths(-monthsAgo));

    [Fact]
    public void The_same_three_bidding_together_on_four_demands_of_one_agency_with_three_winners_is_bid_rotation()
    {
        var pattern = BidRotation.Completed(Tender(C, 0), [Tender(A, 9), Tender(B, 6), Tender(A, 3)]);

        Assert.NotNull(pattern);
        Assert.Equal("agency", pattern.Scope);
        Assert.Equal(4, pattern.Tenders.Count);
        Assert.Equal(3, pattern.Winners.Count);
        Assert.Equal(new[] { A, B, C }.Order(), pattern.Members);
    }

    [Fact]
    public void Two_winners_among_four_demands_is_not_rotation() =>
        Assert.Null(BidRotation.Completed(Tender(A, 0), [Tender(A, 9), Tender(B, 6), Tender(B, 3)]));

    [Fact]
    public void Three_demands_together_are_not_yet_rotation() =>
        Assert.Null(BidRotation.Completed(Tender(C, 0), [Tender(A, 6), Tender(B, 3)]));

    [Fact]
    public void A_demand_with_another_bidder_or_older_than_twelve_months_does_not_count() =>
        Assert.Null(BidRotation.Completed(Tender(C, 0), [Tender(A, 13), Tender(B, 6), Tender(A, 3, bidders: [A, B, C, D])]));

    [Fact]
    public void Demands_of_other_agencies_in_the_same_region_show_rotation_by_region()
    {
        var pattern = BidRotation.Completed(Tender(C, 0), [Tender(A, 9, Guid.NewGuid()), Tender(B, 6, Guid.NewGuid()), Tender(A, 3, Guid.NewGuid())]);
        Assert.Equal("region", pattern?.Scope);
        Assert.Null(BidRotation.Completed(Tender(C, 0), [Tender(A, 9, Guid.NewGuid(), "340100"), Tender(B, 6), Tender(A, 3)]));
    }

    [Fact]
    public void A_single_bidder_or_a_group_of_six_is_never_rotation()
    {
        var six = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        Assert.Null(BidRotation.Completed(Tender(A, 0, bidders: [A]), [Tender(A, 3, bidders: [A]), Tender(A, 2, bidders: [A]), Tender(A, 1, bidders: [A])]));
        Assert.Null(BidRotation.Completed(Tender(six[0], 0, bidders: six),
            [Tender(six[1], 3, bidders: six), Tender(six[2], 2, bidders: six), Tender(six[3], 1, bidders: six)]));
    }

    [Fact]
    public void The_group_key_does_not_depend_on_the_order_of_its_members() =>
        Assert.Equal(new RotationPattern("agency", [A, B, C], [], []).GroupKey, new RotationPattern("agency", [C, A, B], [], []).GroupKey);
}
