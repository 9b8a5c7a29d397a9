using FsCheck;
using FsCheck.Xunit;
using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

public sealed class BidRulesTests
{
    private const decimal Ceiling = 100_000m;
    private const decimal MinimumAccuracy = 0.95m;
    private static readonly DateOnly DueDate = new(2026, 6, 30);
    private static readonly DateTimeOffset SubmittedAt = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static IReadOnlyList<(string Field, string Message)> Check(
        decimal price = 80_000m, DateOnly? delivery = null, decimal accuracy = 0.97m, int teamSize = 25, DateTimeOffset? submittedAt = null) =>
        [.. BidRules.Problems(price, Ceiling, delivery ?? DueDate.AddDays(-10), DueDate, accuracy, MinimumAccuracy, teamSize, submittedAt ?? SubmittedAt)
            .Select(p => (p.Field, p.Problem.Message))];

    private static string SingleField(IReadOnlyList<(string Field, string Message)> problems) => Assert.Single(problems).Field;

    [Fact]
    public void A_sound_bid_has_no_problems() => Assert.Empty(Check());

    // Price

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-80000")]
    public void A_price_of_zero_or_less_is_refused(string price) => Assert.Equal("price", SingleField(Check(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("100000.01")]
    [InlineData("100001")]
    [InlineData("1000000000")]
    public void A_price_over_the_budget_ceiling_is_refused(string price)
    {
        var problem = Assert.Single(Check(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("price", problem.Field);
        Assert.Contains("ceiling", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_exactly_at_the_budget_ceiling_is_accepted() => Assert.Empty(Check(price: Ceiling));

    [Fact]
    public void The_smallest_positive_price_is_accepted() => Assert.Empty(Check(price: 0.01m));

    [Property(MaxTest = 500)]
    public bool Any_price_above_zero_up_to_the_ceiling_is_accepted_and_any_other_refused(decimal price) =>
        Check(price: price).Any(p => p.Field == "price") == (price <= 0 || price > Ceiling);

    // Delivery date

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void Delivery_after_the_due_date_is_refused(int daysLate)
    {
        var problem = Assert.Single(Check(delivery: DueDate.AddDays(daysLate)));

        Assert.Equal("deliveryDate", problem.Field);
        Assert.Contains("2026-06-30", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delivery_on_the_due_date_is_accepted() => Assert.Empty(Check(delivery: DueDate));

    [Fact]
    public void Delivery_before_the_due_date_is_accepted() => Assert.Empty(Check(delivery: DueDate.AddDays(-1)));

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2025-03-01")]
    [InlineData("2026-02-28")]
    public void Delivery_before_the_day_the_bid_is_submitted_is_refused(string delivery)
    {
        var problem = Assert.Single(Check(delivery: DateOnly.Parse(delivery, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("deliveryDate", problem.Field);
        Assert.Contains("2026-03-01", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delivery_on_the_day_the_bid_is_submitted_is_accepted() => Assert.Empty(Check(delivery: new DateOnly(2026, 3, 1)));

    [Fact]
    public void The_submission_day_is_the_day_in_China_even_when_it_is_still_the_day_before_in_UTC()
    {
        var earlyMorningInBeijing = new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero); // 2026-03-02 00:30 UTC+8

        Assert.Equal("deliveryDate", SingleField(Check(delivery: new DateOnly(2026, 3, 1), submittedAt: earlyMorningInBeijing)));
        Assert.Empty(Check(delivery: new DateOnly(2026, 3, 2), submittedAt: earlyMorningInBeijing));
    }

    [Fact]
    public void A_bid_submitted_in_the_last_minute_of_a_day_in_China_may_still_deliver_that_day() =>
        Assert.Empty(Check(delivery: new DateOnly(2026, 3, 1), submittedAt: new DateTimeOffset(2026, 3, 1, 15, 59, 0, TimeSpan.Zero)));

    [Property(MaxTest = 500)]
    public bool Any_delivery_date_before_the_submission_day_is_refused_and_none_within_the_window(int daysFromSubmission)
    {
        var delivery = new DateOnly(2026, 3, 1).AddDays(Math.Clamp(daysFromSubmission, -700_000, 121));
        return Check(delivery: delivery).Any(p => p.Field == "deliveryDate") == (delivery < new DateOnly(2026, 3, 1) || delivery > DueDate);
    }

    // Accuracy

    [Theory]
    [InlineData("-0.0001")]
    [InlineData("-1")]
    [InlineData("1.0001")]
    [InlineData("95")]
    public void An_accuracy_outside_zero_to_one_is_refused(string accuracy)
    {
        var problem = Assert.Single(Check(accuracy: decimal.Parse(accuracy, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("accuracy", problem.Field);
        Assert.Contains("between 0 and 1", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.9499")]
    [InlineData("0.5")]
    [InlineData("0")]
    public void An_accuracy_below_the_minimum_is_refused(string accuracy)
    {
        var problem = Assert.Single(Check(accuracy: decimal.Parse(accuracy, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("accuracy", problem.Field);
        Assert.Contains("minimum", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accuracy_exactly_at_the_minimum_is_accepted() => Assert.Empty(Check(accuracy: MinimumAccuracy));

    [Fact]
    public void A_perfect_accuracy_is_accepted() => Assert.Empty(Check(accuracy: 1m));

    [Fact]
    public void Zero_accuracy_is_accepted_when_the_demand_sets_no_minimum() =>
        Assert.Empty(BidRules.Problems(80_000m, Ceiling, DueDate, DueDate, 0m, 0m, 25, SubmittedAt));

    // Team size

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void A_team_of_no_one_or_over_100000_people_is_refused(int teamSize) => Assert.Equal("teamSize", SingleField(Check(teamSize: teamSize)));

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public void A_team_of_1_to_100000_people_is_accepted(int teamSize) => Assert.Empty(Check(teamSize: teamSize));

    // All at once

    [Fact]
    public void All_problems_of_a_bad_bid_are_listed_at_once_with_their_field_names()
    {
        var problems = Check(price: 0m, delivery: DueDate.AddDays(1), accuracy: 1.5m, teamSize: 0);

        Assert.Equal(["price", "deliveryDate", "accuracy", "teamSize"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void A_bid_over_the_ceiling_and_below_the_minimum_accuracy_lists_both_with_a_team_too_large()
    {
        var problems = Check(price: Ceiling + 1m, delivery: DueDate.AddDays(5), accuracy: 0.9m, teamSize: 100_001);

        Assert.Equal(["price", "deliveryDate", "accuracy", "teamSize"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Each_field_is_reported_at_most_once()
    {
        var problems = Check(price: -1m, delivery: DueDate.AddDays(1), accuracy: -1m, teamSize: -1);

        Assert.Equal(problems.Count, problems.Select(p => p.Field).Distinct().Count());
    }

    // Unit price

    [Theory]
    [InlineData("100", "3", "33.33")]
    [InlineData("200", "3", "66.67")]
    [InlineData("80000", "1000000", "0.08")]
    [InlineData("1.005", "1", "1.01")]
    [InlineData("2.5", "100", "0.03")]
    [InlineData("0.125", "1", "0.13")]
    [InlineData("0.135", "1", "0.14")]
    [InlineData("-2.5", "100", "-0.03")]
    [InlineData("0.004", "1", "0.00")]
    [InlineData("50000", "20000", "2.50")]
    public void The_unit_price_is_rounded_to_the_fen_with_midpoints_away_from_zero(string price, string volume, string expected)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        var unitPrice = BidRules.UnitPrice(decimal.Parse(price, invariant), decimal.Parse(volume, invariant));

        Assert.Equal(decimal.Parse(expected, invariant), unitPrice);
        Assert.True(decimal.Round(unitPrice, 2) == unitPrice);
    }

    [Fact]
    public void The_unit_price_of_a_zero_volume_is_zero() => Assert.Equal(0m, BidRules.UnitPrice(80_000m, 0m));

    [Fact]
    public void The_unit_price_of_a_negative_volume_is_zero() => Assert.Equal(0m, BidRules.UnitPrice(80_000m, -10m));

    [Property(MaxTest = 500)]
    public bool The_unit_price_has_at_most_two_decimals_and_is_within_half_a_fen_of_the_exact_quotient(PositiveInt priceFen, PositiveInt volume)
    {
        var price = priceFen.Get / 100m;
        var unitPrice = BidRules.UnitPrice(price, volume.Get);

        return decimal.Round(unitPrice, 2) == unitPrice && Math.Abs(unitPrice - price / volume.Get) <= 0.005m;
    }

    // The figure rules validators ask before any demand is read

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0.01", true)]
    [InlineData("0.01", false)]
    public void The_price_rule_refuses_no_price_without_a_demand(string price, bool refused)
    {
        var problem = BidRules.PriceProblem(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(refused, problem is not null);
        if (refused) Assert.Equal(problem?.Message, Assert.Single(Check(price: 0m)).Message);
    }

    [Theory]
    [InlineData("-0.0001", true)]
    [InlineData("1.0001", true)]
    [InlineData("0", false)]
    [InlineData("1", false)]
    public void The_accuracy_rule_is_a_fraction_between_0_and_1(string accuracy, bool refused)
    {
        var problem = AccuracyRule.Problem(decimal.Parse(accuracy, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(refused, problem is not null);
        if (refused) Assert.Equal(problem?.Message, Assert.Single(Check(accuracy: 1.5m)).Message);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(BidRules.MaxTeamSize + 1, true)]
    [InlineData(1, false)]
    [InlineData(BidRules.MaxTeamSize, false)]
    public void The_team_size_rule_is_1_to_100000_people(int teamSize, bool refused)
    {
        var problem = BidRules.TeamSizeProblem(teamSize);

        Assert.Equal(refused, problem is not null);
        if (refused) Assert.Equal(problem?.Message, Assert.Single(Check(teamSize: 0)).Message);
    }
}
