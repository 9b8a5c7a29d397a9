using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>A bid cannot promise delivery before the day it is submitted (China time): such a date would win the full delivery score.</summary>
public abstract class BidDeliveryDateTests(RegistryApi api)
{
    private static object BidDelivering(string deliveryDate) => new
    {
        price = 80000m, deliveryDate, accuracy = 0.97m, teamSize = 20, technicalSummary = "双人交叉复核，抽检率10%",
    };

    private static async Task<JsonElement> MyBidsAsync(HttpClient bidder) => (await (await bidder.GetAsync("/api/v1/bids/mine")).JsonAsync()).GetProperty("items");

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2020-01-01")]
    public async Task A_bid_delivering_before_its_submission_day_is_a_field_error_and_stores_nothing(string deliveryDate)
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市过去交付日期拉框标注");
        var bidder = await DemandArrange.BidderAsync(api);

        var refused = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(BidDelivering(deliveryDate)));

        var errors = (await refused.ProblemAsync(400)).GetProperty("errors");
        Assert.Contains("submitted", errors.GetProperty("deliveryDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await MyBidsAsync(bidder)).GetArrayLength());
    }

    [Fact]
    public async Task Replacing_a_bid_with_a_past_delivery_date_leaves_the_bid_as_it_was()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市替换交付日期拉框标注");
        var bidder = await DemandArrange.BidderAsync(api);
        var promised = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(BidDelivering(promised)))).StatusCode);

        var refused = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(BidDelivering("0001-01-01")));

        Assert.True((await refused.ProblemAsync(400)).GetProperty("errors").TryGetProperty("deliveryDate", out _));
        var bid = Assert.Single((await MyBidsAsync(bidder)).EnumerateArray());
        Assert.Equal(promised, bid.GetProperty("deliveryDate").GetString());
    }
}

public sealed class BidDeliveryDateTests_Sqlite(SqliteApi api) : BidDeliveryDateTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BidDeliveryDateTests_PostgreSql(PostgreSqlApi api) : BidDeliveryDateTests(api), IClassFixture<PostgreSqlApi>;
