using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// A bid's own figures (price, accuracy, team size) follow the domain's rules, asked by the validator before any demand is read:
/// a field error carrying the rule's sentence, and nothing stored.
/// </summary>
public abstract class SubmitBidFigureTests(RegistryApi api)
{
    private static object BidWith(decimal price = 80000m, decimal accuracy = 0.97m, int teamSize = 20) => new
    {
        price, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), accuracy, teamSize, technicalSummary = "双人交叉复核，抽检率10%",
    };

    private async Task<string> RefusedAsync(object bid, string field)
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市投标数值拉框标注");
        var bidder = await DemandArrange.BidderAsync(api);

        var refused = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(bid));

        var message = (await refused.ProblemAsync(400)).GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Equal(0, (await (await bidder.GetAsync("/api/v1/bids/mine")).JsonAsync()).GetProperty("items").GetArrayLength());
        return message;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task A_bid_of_no_price_is_refused_by_the_price_rule(int price) =>
        Assert.Equal("The price must be more than zero.", await RefusedAsync(BidWith(price: price), "price"));

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public async Task A_proposed_accuracy_outside_0_and_1_is_refused_by_the_accuracy_rule(double accuracy) =>
        Assert.Equal("Accuracy is a fraction between 0 and 1.", await RefusedAsync(BidWith(accuracy: (decimal)accuracy), "accuracy"));

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public async Task A_team_of_no_one_or_over_100000_people_is_refused_by_the_team_size_rule(int teamSize) =>
        Assert.Equal("The team has 1 to 100,000 people.", await RefusedAsync(BidWith(teamSize: teamSize), "teamSize"));

    [Fact]
    public async Task A_bad_figure_is_a_field_error_before_the_demand_is_looked_up()
    {
        var bidder = await DemandArrange.BidderAsync(api);

        var refused = await bidder.PutAsync($"/api/v1/demands/{Guid.NewGuid()}/bids/mine", JsonBody.Of(BidWith(price: 0)));

        Assert.True((await refused.ProblemAsync(400)).GetProperty("errors").TryGetProperty("price", out _));
    }
}

public sealed class SubmitBidFigureTests_Sqlite(SqliteApi api) : SubmitBidFigureTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SubmitBidFigureTests_PostgreSql(PostgreSqlApi api) : SubmitBidFigureTests(api), IClassFixture<PostgreSqlApi>;
