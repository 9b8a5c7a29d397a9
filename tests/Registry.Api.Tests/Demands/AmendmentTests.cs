using System.Net;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// Amendments (修改) over HTTP: numbered, with a reason, public; every live bid needs confirmation and lapses at closing
/// without it; a late amendment moves the deadline out; the sealed-bid rule holds (no count, no names).
/// </summary>
public abstract class AmendmentTests(RegistryApi api)
{
    [Fact]
    public async Task An_amendment_asks_every_bidder_to_confirm_moves_a_near_deadline_out_and_an_unconfirmed_bid_lapses_at_closing()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "修改测试需求");
        var (keeps, lapses) = (await DemandArrange.BidderAsync(api), await DemandArrange.BidderAsync(api));
        Assert.True((await keeps.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(accuracy: 0.97m)))).IsSuccessStatusCode);
        Assert.True((await lapses.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(accuracy: 0.99m)))).IsSuccessStatusCode);
        var agency = await api.ClientAsAsync("cd.health");

        var amended = await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/amendments",
            new { reason = "提高最低准确率要求以满足临床使用", minimumAccuracy = 0.98m });
        var amendment = await amended.SucceededJsonAsync();
        Assert.Equal(1, amendment.GetProperty("number").GetInt32());
        Assert.True(amendment.GetProperty("changes").TryGetProperty("minimumAccuracy", out _));
        // Published eight days before its deadline, the amendment leaves fifteen: the deadline moved out.
        var moved = amendment.GetProperty("deadlineAfter").GetDateTimeOffset();
        Assert.True(moved > deadline.AddDays(6), $"{moved} is not about fifteen days out");
        // Nothing about the bids: neither how many needed confirmation nor whose.
        Assert.DoesNotContain("count", amendment.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("confirmation", amendment.ToString(), StringComparison.OrdinalIgnoreCase);

        var history = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/amendments")).SucceededJsonAsync();
        Assert.Equal("提高最低准确率要求以满足临床使用", Assert.Single(history.EnumerateArray()).GetProperty("reason").GetString());
        var board = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync();
        Assert.Equal(moved, board.GetProperty("bidDeadline").GetDateTimeOffset());

        // 0.97 no longer meets the bar: confirming is refused, replacing works.
        var refused = await (await keeps.PostAsync($"/api/v1/demands/{demand}/bids/mine/confirm", null)).ProblemAsync(422);
        Assert.Equal("bid_outside_amended_terms", refused.GetProperty("code").GetString());
        var replaced = await (await keeps.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(accuracy: 0.985m)))).SucceededJsonAsync();
        Assert.Equal("live", replaced.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await keeps.PostAsync($"/api/v1/demands/{demand}/bids/mine/confirm", null)).StatusCode);

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));

        var opening = await (await agency.GetAsync($"/api/v1/demands/{demand}/opening")).SucceededJsonAsync();
        // Only the replaced bid was opened; the unconfirmed one lapsed unopened.
        Assert.Single(opening.GetProperty("bids").EnumerateArray());
        var mine = await (await lapses.GetAsync("/api/v1/bids/mine")).SucceededJsonAsync();
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), b => b.GetProperty("demandId").GetGuid() == demand && b.GetProperty("status").GetString() == "lapsed");
    }

    [Fact]
    public async Task A_bidder_confirms_its_bid_under_terms_it_still_meets()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "修改确认测试需求");
        var bidder = await DemandArrange.BidderAsync(api);
        Assert.True((await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(accuracy: 0.99m)))).IsSuccessStatusCode);
        var agency = await api.ClientAsAsync("cd.health");
        (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/amendments", new { reason = "补充任务规范", taskSpecification = "新增遮挡目标的标注要求。" }))
            .EnsureSuccessStatusCode();

        var confirmed = await (await bidder.PostAsync($"/api/v1/demands/{demand}/bids/mine/confirm", null)).SucceededJsonAsync();
        Assert.Equal("live", confirmed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_demands_agency_amends_with_a_reason_and_a_change_never_bringing_the_deadline_forward()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "修改权限测试需求");
        var path = $"/api/v1/demands/{demand}/amendments";
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsAsync("shuyu")).PostIfMatchAsync(path, new { reason = "r", volume = 5m })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsAsync("hf.transport")).PostIfMatchAsync(path, new { reason = "r", volume = 5m })).StatusCode);
        var agency = await api.ClientAsAsync("cd.health");
        var noReason = await (await agency.PostIfMatchAsync(path, new { reason = "", volume = 5m })).ProblemAsync(400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await (await agency.PostIfMatchAsync(path, new { reason = "无变化" })).ProblemAsync(400);
        var earlier = await (await agency.PostIfMatchAsync(path, new { reason = "提前", volume = 5m, bidDeadline = deadline.AddDays(-1) })).ProblemAsync(422);
        Assert.Equal("deadline_earlier", earlier.GetProperty("code").GetString());
        Assert.Empty((await (await api.CreateClient().GetAsync(path)).SucceededJsonAsync()).EnumerateArray());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AmendmentTests_Sqlite(SqliteApi api) : AmendmentTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AmendmentTests_PostgreSql(PostgreSqlApi api) : AmendmentTests(api), IClassFixture<PostgreSqlApi>;
