using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

public sealed class BidPatternsTests
{
    private static BidPatterns.ClosedBid Bid(string name, decimal price) => new(Guid.NewGuid(), name, price);

    private static List<string> Types(params BidPatterns.ClosedBid[] bids) =>
        BidPatterns.Warnings(bids, 100_000m).Select(w => w.Type).ToList();

    [Fact]
    public void Ordinary_competition_raises_nothing() =>
        Assert.Empty(Types(Bid("甲", 80_000m), Bid("乙", 85_000m), Bid("丙", 92_000m)));

    [Fact]
    public void No_eligible_bid_raises_nothing() => Assert.Empty(Types());

    [Fact]
    public void A_single_eligible_bid_is_a_single_bidder_warning_naming_it()
    {
        var warnings = BidPatterns.Warnings([Bid("唯一公司", 80_000m)], 100_000m);

        var warning = Assert.Single(warnings);
        Assert.Equal("single_bidder", warning.Type);
        Assert.Contains("唯一公司", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(70_000, 70_000)]   // identical
    [InlineData(70_000, 70_350)]   // exactly 0.5 % above the lower
    public void Prices_within_half_a_percent_are_near_identical(decimal lower, decimal higher) =>
        Assert.Equal(["identical_bids"], Types(Bid("甲", lower), Bid("乙", higher), Bid("丙", 90_000m)));

    [Fact]
    public void Prices_just_over_half_a_percent_apart_are_not_near_identical() =>
        Assert.Empty(Types(Bid("甲", 70_000m), Bid("乙", 70_350.01m)));

    [Fact]
    public void Each_group_of_near_identical_prices_is_one_warning_listing_its_bids()
    {
        var warnings = BidPatterns.Warnings([Bid("甲", 60_000m), Bid("乙", 60_100m), Bid("丙", 80_000m), Bid("丁", 80_200m), Bid("戊", 80_300m)], 100_000m);

        Assert.Equal(2, warnings.Count(w => w.Type == "identical_bids"));
        Assert.Contains(warnings, w => w.Message.StartsWith("3 bids", StringComparison.Ordinal) && w.Message.Contains("戊", StringComparison.Ordinal));
        Assert.Equal(warnings.Count, warnings.Select(w => w.Type + w.Key).Distinct().Count());
    }

    [Theory]
    [InlineData(49_999.99, true)]
    [InlineData(50_000, false)]
    public void A_bid_under_half_the_budget_ceiling_is_far_below_budget(decimal price, bool warned) =>
        Assert.Equal(warned, Types(Bid("甲", price), Bid("乙", 90_000m)).Contains("bid_far_below_budget"));

    [Fact]
    public void Every_abnormally_low_bid_is_its_own_warning()
    {
        var warnings = BidPatterns.Warnings([Bid("甲", 20_000m), Bid("乙", 40_000m), Bid("丙", 90_000m)], 100_000m);

        Assert.Equal(2, warnings.Count(w => w.Type == "bid_far_below_budget"));
    }

    // The key makes raising idempotent: the same bids must give the same key whatever order they come in.
    [Fact]
    public void The_key_of_a_group_of_identical_prices_is_its_lowest_bid()
    {
        var bids = Enumerable.Range(0, 4).Select(i => Bid("同价" + i, 70_000m)).ToList();

        var forward = BidPatterns.Warnings(bids, 100_000m).Single(w => w.Type == "identical_bids");
        var backward = BidPatterns.Warnings(bids.AsEnumerable().Reverse().ToList(), 100_000m).Single(w => w.Type == "identical_bids");

        Assert.Equal(bids.Min(b => b.BidId).ToString(), forward.Key);
        Assert.Equal(forward.Key, backward.Key);
        Assert.All(bids, b => Assert.Contains(b.EnterpriseName, forward.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_bidder_warning_has_one_key_per_demand() =>
        Assert.Equal("", BidPatterns.Warnings([Bid("唯一公司", 80_000m)], 100_000m).Single().Key);
}
