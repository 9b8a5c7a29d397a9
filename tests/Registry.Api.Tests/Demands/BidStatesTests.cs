using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Demands;

/// <summary>A bid's row carries its state (live, withdrawn, eligible, ineligible, won, lost), each change with its event.</summary>
public abstract class BidStatesTests(RegistryApi api)
{
    private static async Task<string> MineAsync(HttpClient bidder, Guid demand)
    {
        var mine = await (await bidder.GetAsync("/api/v1/bids/mine?pageSize=100")).SucceededJsonAsync();
        return mine.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("demandId").GetGuid() == demand).GetProperty("status").GetString()!;
    }

    private async Task<List<(string Type, Guid Bid)>> BidEventsAsync(Guid demand)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var rows = await connection.QueryAsync<(string Type, string Payload)>(
            "select type, payload from outbox where entity_type = 'bid' order by seq");
        return rows.Select(r => (r.Type, JsonDocument.Parse(r.Payload).RootElement))
            .Where(r => r.Item2.GetProperty("demandId").GetGuid() == demand)
            .Select(r => (r.Type, r.Item2.GetProperty("bidId").GetGuid())).ToList();
    }

    private static async Task<Guid> BidAsync(HttpClient bidder, Guid demand, decimal price) =>
        (await (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price)))).SucceededJsonAsync())
        .GetProperty("bidId").GetGuid();

    [Fact]
    public async Task A_bid_is_live_withdrawn_live_again_then_opened_and_won_or_lost_and_each_step_is_an_event()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市交通卡口图像拉框标注");
        var (winner, loser) = (await DemandArrange.BidderAsync(api), await DemandArrange.BidderAsync(api));
        var winning = await BidAsync(winner, demand, 70000m);
        var losing = await BidAsync(loser, demand, 90000m);
        Assert.Equal("live", await MineAsync(loser, demand));
        (await loser.DeleteAsync($"/api/v1/demands/{demand}/bids/mine")).EnsureSuccessStatusCode();
        Assert.Equal("withdrawn", await MineAsync(loser, demand));
        Assert.Equal(losing, await BidAsync(loser, demand, 90000m));
        Assert.Equal("live", await MineAsync(loser, demand));

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        Assert.Equal(("eligible", "eligible"), (await MineAsync(winner, demand), await MineAsync(loser, demand)));
        // Opened bids can no longer be withdrawn: bidding is closed, and the bid stays as it was opened.
        Assert.Equal("/problems/bidding-closed",
            (await (await loser.DeleteAsync($"/api/v1/demands/{demand}/bids/mine")).ProblemAsync(422)).GetProperty("type").GetString());
        Assert.Equal("eligible", await MineAsync(loser, demand));

        var agency = await api.ClientAsAsync("cd.health");
        (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).EnsureSuccessStatusCode();
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId = winning })).SucceededJsonAsync();

        Assert.Equal(("won", "lost"), (await MineAsync(winner, demand), await MineAsync(loser, demand)));
        Assert.Equal(
            [("bid.submitted", winning), ("bid.submitted", losing), ("bid.withdrawn", losing), ("bid.submitted", losing),
             ("bid.eligible", winning), ("bid.eligible", losing), ("bid.won", winning), ("bid.lost", losing)],
            await BidEventsAsync(demand));
    }

    [Fact]
    public async Task Cancelling_a_demand_voids_its_standing_bids_but_not_a_withdrawn_one()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市停车场图像拉框标注");
        var (standing, withdrawn) = (await DemandArrange.BidderAsync(api), await DemandArrange.BidderAsync(api));
        var standingBid = await BidAsync(standing, demand, 80000m);
        await BidAsync(withdrawn, demand, 85000m);
        (await withdrawn.DeleteAsync($"/api/v1/demands/{demand}/bids/mine")).EnsureSuccessStatusCode();

        await (await (await api.ClientAsAsync("cd.health")).PostIfMatchAsync($"/api/v1/demands/{demand}/cancel", new { reason = "预算调整，项目取消" }))
            .SucceededJsonAsync();

        Assert.Equal(("lost", "withdrawn"), (await MineAsync(standing, demand), await MineAsync(withdrawn, demand)));
        Assert.Equal(("bid.lost", standingBid), (await BidEventsAsync(demand))[^1]);
    }
}

public sealed class BidStatesTests_Sqlite(SqliteApi api) : BidStatesTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BidStatesTests_PostgreSql(PostgreSqlApi api) : BidStatesTests(api), IClassFixture<PostgreSqlApi>;
