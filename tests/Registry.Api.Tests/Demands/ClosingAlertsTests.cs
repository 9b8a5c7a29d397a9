using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Demands;

/// <summary>Closing warns the regulators of the demand's region of a single bidder, near-identical prices and abnormally low bids.</summary>
public abstract class ClosingAlertsTests(RegistryApi api)
{
    private async Task<(Guid Demand, HashSet<string> Types)> ClosedWithBidsAsync(string title, params decimal[] prices)
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, title);
        foreach (var price in prices)
        {
            var bidder = await (await DemandArrange.BidderPartyAsync(api)).On(api);
            var bid = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: price)));
            Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());
        }
        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        await (await DemandArrange.DemoClientAsync(later, "admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        var alerts = await (await (await DemandArrange.DemoClientAsync(later, "sichuan")).GetAsync("/api/v1/alerts?pageSize=100")).JsonAsync();
        var types = alerts.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("entityId").GetString() == demand.ToString())
            .Select(a => a.GetProperty("type").GetString()!).ToHashSet();
        return (demand, types);
    }

    [Fact]
    public async Task A_single_eligible_bidder_is_raised_to_the_regulators_of_the_region_and_another_province_does_not_see_it()
    {
        var (demand, types) = await ClosedWithBidsAsync("单一投标预警", 80000m);
        Assert.Equal(["single_bidder"], types);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        var alerts = await (await anhui.GetAsync("/api/v1/alerts?pageSize=100")).JsonAsync();
        Assert.DoesNotContain(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("entityId").GetString() == demand.ToString());
    }

    [Fact]
    public async Task Near_identical_prices_and_a_bid_under_half_the_budget_are_raised()
    {
        var (_, types) = await ClosedWithBidsAsync("围标与低价预警", 70000m, 70200m, 40000m);
        Assert.Equal(["bid_far_below_budget", "identical_bids"], types.Order());
    }

    [Fact]
    public async Task Ordinary_competition_raises_no_alert()
    {
        var (_, types) = await ClosedWithBidsAsync("正常竞争无预警", 80000m, 86000m);
        Assert.Empty(types);
    }

    [Fact]
    public async Task Each_due_demand_is_closed_in_a_transaction_of_its_own_with_its_own_audit_record()
    {
        var (first, deadline) = await DemandArrange.PublishedAsync(api, "逐个关闭之一");
        var (second, secondDeadline) = await DemandArrange.PublishedAsync(api, "逐个关闭之二");

        await using var later = DemandArrange.At(api, (deadline > secondDeadline ? deadline : secondDeadline).AddMinutes(1));
        var closing = await (await DemandArrange.DemoClientAsync(later, "admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        Assert.True(closing.IsSuccessStatusCode, await closing.Content.ReadAsStringAsync());

        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        foreach (var demand in new[] { first, second })
        {
            var actions = await connection.QueryAsync<string>("select action from audit_log where entity_id = @id and action like 'Close%'",
                new { id = demand.ToString() });
            Assert.Equal(["CloseDemand"], actions);
        }
    }
}

public sealed class ClosingAlertsTests_Sqlite(SqliteApi api) : ClosingAlertsTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ClosingAlertsTests_PostgreSql(PostgreSqlApi api) : ClosingAlertsTests(api), IClassFixture<PostgreSqlApi>;
