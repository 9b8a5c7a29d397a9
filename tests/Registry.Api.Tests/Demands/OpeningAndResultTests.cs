using System.Net;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// The bid-opening record (开标记录) and the result notice (中标结果公示) over HTTP: nothing of either before its moment; the
/// opening to the agency, the regulators and the bidders opened; the result to everyone, with the ranking and the publicity period.
/// </summary>
public abstract class OpeningAndResultTests(RegistryApi api)
{
    [Fact]
    public async Task The_opening_record_appears_at_closing_to_the_agency_the_regulators_and_each_bidder_and_the_result_notice_to_everyone_at_award()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "开标与结果公示测试");
        var (cheap, dear) = (await DemandArrange.BidderAsync(api), await DemandArrange.BidderAsync(api));
        Assert.True((await cheap.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 70000m)))).IsSuccessStatusCode);
        Assert.True((await dear.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 90000m)))).IsSuccessStatusCode);
        var agency = await api.ClientAsAsync("cd.health");

        // Sealed until the deadline: no opening record, not even for the agency or a bidder; no result.
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/api/v1/demands/{demand}/opening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cheap.GetAsync($"/api/v1/demands/{demand}/opening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/result")).StatusCode);

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));

        var opening = await (await agency.GetAsync($"/api/v1/demands/{demand}/opening")).SucceededJsonAsync();
        Assert.Equal([70000m, 90000m], opening.GetProperty("bids").EnumerateArray().Select(b => b.GetProperty("price").GetDecimal()).Order());
        Assert.All(opening.GetProperty("bids").EnumerateArray(), b => Assert.True(b.GetProperty("eligible").GetBoolean()));
        Assert.Equal(opening.ToString(), (await (await dear.GetAsync($"/api/v1/demands/{demand}/opening")).SucceededJsonAsync()).ToString());
        Assert.Equal(opening.ToString(), (await (await (await api.ClientAsAsync("sichuan")).GetAsync($"/api/v1/demands/{demand}/opening")).SucceededJsonAsync()).ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await DemandArrange.BidderAsync(api)).GetAsync($"/api/v1/demands/{demand}/opening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.ClientAsAsync("hf.transport")).GetAsync($"/api/v1/demands/{demand}/opening")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/opening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/result")).StatusCode);

        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var top = evaluation.GetProperty("bids")[0];
        var contract = await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId = top.GetProperty("bidId").GetGuid() }))
            .SucceededJsonAsync();

        var notice = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/result")).SucceededJsonAsync();
        Assert.Equal(top.GetProperty("enterpriseNameZh").GetString(), notice.GetProperty("winnerNameZh").GetString());
        Assert.Equal(top.GetProperty("price").GetDecimal(), notice.GetProperty("price").GetDecimal());
        Assert.Equal(1, notice.GetProperty("winnerRank").GetInt32());
        Assert.Equal(contract.GetProperty("number").GetString(), notice.GetProperty("contractNumber").GetString());
        var ranking = notice.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal([1, 2], ranking.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal(evaluation.GetProperty("bids").EnumerateArray().Select(b => b.GetProperty("score").GetProperty("total").GetDecimal()),
            ranking.Select(r => r.GetProperty("totalScore").GetDecimal()));
        Assert.Equal(notice.GetProperty("awardedAt").GetDateTimeOffset().AddDays(7), notice.GetProperty("publicityEndsAt").GetDateTimeOffset());
        Assert.Equal(18, notice.GetProperty("winnerCreditCode").GetString()!.Length);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OpeningAndResultTests_Sqlite(SqliteApi api) : OpeningAndResultTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class OpeningAndResultTests_PostgreSql(PostgreSqlApi api) : OpeningAndResultTests(api), IClassFixture<PostgreSqlApi>;
