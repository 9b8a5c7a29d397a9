using Registry.Domain.Statistics;

namespace Registry.Domain.Tests.Statistics;

public sealed class MarketIndicatorsTests
{
    [Fact]
    public void Growth_year_over_year_is_the_rise_over_the_previous_year() =>
        Assert.Equal(0.25m, MarketIndicators.YearOverYear(800m, 1000m));

    [Fact]
    public void A_fall_is_negative_growth() => Assert.Equal(-0.5m, MarketIndicators.YearOverYear(1000m, 500m));

    [Fact]
    public void Growth_from_nothing_is_undefined() => Assert.Null(MarketIndicators.YearOverYear(0m, 1000m));

    [Fact]
    public void Compound_growth_over_two_years_from_100_to_144_is_20_percent() =>
        Assert.Equal(0.2m, MarketIndicators.CompoundAnnualGrowth(100m, 144m, 2));

    [Fact]
    public void Compound_growth_over_three_years_from_1000_to_1331_is_10_percent() =>
        Assert.Equal(0.1m, MarketIndicators.CompoundAnnualGrowth(1000m, 1331m, 3));

    [Theory]
    [InlineData(0, 100, 2)]
    [InlineData(100, 0, 2)]
    [InlineData(100, 144, 0)]
    public void Compound_growth_without_both_ends_or_a_span_is_undefined(int first, int last, int years) =>
        Assert.Null(MarketIndicators.CompoundAnnualGrowth(first, last, years));

    [Fact]
    public void Ten_percent_a_year_is_ten_points_below_the_twenty_percent_line() =>
        Assert.Equal(-0.1m, MarketIndicators.GapToTarget(0.1m, 0.2m));

    [Fact]
    public void The_top_ten_share_counts_the_ten_largest_winners_only()
    {
        // Eleven winners of 10 and one of 90: the ten largest hold 90 + 9 × 10 = 180 of 200.
        var values = Enumerable.Repeat(10m, 11).Append(90m);
        Assert.Equal(0.9m, MarketIndicators.TopShare(values, 10));
    }

    [Fact]
    public void Hhi_of_shares_50_30_20_is_3800() =>
        Assert.Equal(3800m, MarketIndicators.HerfindahlHirschman([500m, 300m, 200m]));

    [Fact]
    public void Hhi_of_a_single_winner_is_10000() => Assert.Equal(10000m, MarketIndicators.HerfindahlHirschman([42m]));

    [Fact]
    public void Hhi_of_four_equal_winners_is_2500() => Assert.Equal(2500m, MarketIndicators.HerfindahlHirschman([5m, 5m, 5m, 5m]));

    [Fact]
    public void Concentration_of_nothing_awarded_is_undefined()
    {
        Assert.Null(MarketIndicators.HerfindahlHirschman([]));
        Assert.Null(MarketIndicators.TopShare([], 10));
    }
}
