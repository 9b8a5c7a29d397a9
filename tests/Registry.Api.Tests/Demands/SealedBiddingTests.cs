using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

public abstract class SealedBiddingTests(RegistryApi api)
{
    private static async Task<HttpResponseMessage> BidAsync(HttpClient bidder, Guid demand, object bid, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/demands/{demand}/bids/mine") { Content = JsonBody.Of(bid) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await bidder.SendAsync(request);
    }

    [Fact]
    public async Task Publish_bid_seal_close_and_open_the_bids_to_those_entitled()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市路口车辆拉框标注");
        var first = await DemandArrange.BidderAsync(api);
        var second = await DemandArrange.BidderAsync(api);
        var uncertified = await DemandArrange.BidderAsync(api, certified: false);

        var key = Guid.NewGuid().ToString();
        var receipt = await BidAsync(first, demand, DemandArrange.Bid(80000m), key);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var retried = await BidAsync(first, demand, DemandArrange.Bid(80000m), key);
        Assert.Equal((await receipt.JsonAsync()).GetProperty("bidId").GetGuid(), (await retried.JsonAsync()).GetProperty("bidId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(second, demand, DemandArrange.Bid(75000m))).StatusCode);

        var refused = await (await BidAsync(uncertified, demand, DemandArrange.Bid())).ProblemAsync(422);
        Assert.Equal("/problems/certificate-not-active", refused.GetProperty("type").GetString());
        var over = await (await BidAsync(second, demand, DemandArrange.Bid(price: 100000.01m))).ProblemAsync(400);
        Assert.True(over.GetProperty("errors").TryGetProperty("price", out _));
        Assert.True((await (await BidAsync(second, demand, DemandArrange.Bid(dueInDays: 60))).ProblemAsync(400)).GetProperty("errors").TryGetProperty("deliveryDate", out _));
        Assert.True((await (await BidAsync(second, demand, DemandArrange.Bid(accuracy: 0.9m))).ProblemAsync(400)).GetProperty("errors").TryGetProperty("accuracy", out _));
        await (await BidAsync(second, demand, new { price = -5, deliveryDate = "2026-12-01", accuracy = 7, teamSize = 0, technicalSummary = "" })).ProblemAsync(400);

        Assert.Equal(JsonValueKind.Null, (await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync()).GetProperty("bidCount").ValueKind);
        var clarified = await (await api.ClientAsAsync("cd.health")).PostAsync($"/api/v1/demands/{demand}/clarifications",
            JsonBody.Of(new { question = "标注框是否包含遮挡部分？", answer = "按可见部分拉框。" }));
        Assert.Equal(HttpStatusCode.OK, clarified.StatusCode);
        await (await (await api.ClientAsAsync("hf.transport")).PostAsync($"/api/v1/demands/{demand}/clarifications",
            JsonBody.Of(new { question = "q", answer = "a" }))).ProblemAsync(403);
        var clarifications = await (await second.GetAsync($"/api/v1/demands/{demand}/clarifications")).JsonAsync();
        Assert.Equal("按可见部分拉框。", clarifications[0].GetProperty("answer").GetString());
        var mine = await (await second.GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync();
        Assert.Equal([75000m], mine.EnumerateArray().Select(b => b.GetProperty("price").GetDecimal()));
        await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(403);
        await (await (await api.ClientAsAsync("sichuan")).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(403);

        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        var admin = await DemandArrange.DemoClientAsync(later, "admin");
        Assert.Equal("1", await (await admin.PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).Content.ReadAsStringAsync());
        Assert.Equal("evaluating", (await (await later.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync()).GetProperty("status").GetString());

        var agencyView = await (await (await DemandArrange.DemoClientAsync(later, "cd.health")).GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync();
        Assert.Equal([75000m, 80000m], agencyView.EnumerateArray().Select(b => b.GetProperty("price").GetDecimal()));
        Assert.All(agencyView.EnumerateArray(), b => Assert.True(b.GetProperty("eligible").GetBoolean()));
        Assert.Equal(2, (await (await (await DemandArrange.DemoClientAsync(later, "sichuan")).GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync()).GetArrayLength());
        await (await (await DemandArrange.DemoClientAsync(later, "hf.transport")).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(404);
        var anhui = await AnhuiRegulatorAsync();
        await (await (await DemandArrange.ClientAsync(later, anhui.ClientId, anhui.Secret)).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(404);
        var myBids = await (await (await DemandArrange.DemoClientAsync(later, "cd.health")).GetAsync("/api/v1/demands/mine")).JsonAsync();
        Assert.Contains(myBids.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == demand && d.GetProperty("bidCount").GetInt32() == 2);

        // A certified, capable bidder, so the refusal can only come from the deadline.
        var lateBidder = await (await DemandArrange.BidderPartyAsync(api)).On(later);
        Assert.Equal("/problems/bidding-closed", (await (await BidAsync(lateBidder, demand, DemandArrange.Bid())).ProblemAsync(422)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_certificate_revoked_before_closing_disqualifies_the_bid_and_the_bidder_sees_why()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市无人机巡检图像标注");
        var (bidder, _) = await Enterprises.EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) =>
            Enterprises.EnterpriseArrange.Profile(n, c, "510100", capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        var certificate = await Enterprises.EnterpriseArrange.CertifyAsync(api, bidder, grade: 3);
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(bidder, demand, DemandArrange.Bid())).StatusCode);
        await (await api.ClientAsAsync("sichuan")).PostIfMatchAsync($"/api/v1/certificates/{certificate}/revoke", new { reason = "提供虚假材料" });

        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        await (await DemandArrange.DemoClientAsync(later, "admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));

        Assert.Equal("unsuccessful", (await (await later.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync()).GetProperty("status").GetString());
        var mine = (await (await bidder.GetAsync("/api/v1/bids/mine")).JsonAsync()).GetProperty("items")[0];
        Assert.False(mine.GetProperty("eligible").GetBoolean());
        Assert.Contains("revoked", mine.GetProperty("ineligibilityReason").GetString(), StringComparison.Ordinal);
    }

    private async Task<(string ClientId, string Secret)> AnhuiRegulatorAsync()
    {
        var admin = await api.ClientAsAsync("admin");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "安徽省数据资源管理局" + Guid.NewGuid().ToString("N")[..4], kind = "regulator", regionCode = "340000",
            creditCode = TestCreditCodes.Next("11340000MB"),
        }))).JsonAsync();
        var client = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId = org.GetProperty("id").GetGuid(), displayName = "监管系统" }))).JsonAsync();
        return (client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
    }

    [Fact]
    public async Task A_demand_with_too_few_eligible_bids_closes_unsuccessful_and_core_data_is_never_tendered()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市货车轨迹标注", minimumBids: 2);
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(await DemandArrange.BidderAsync(api), demand, DemandArrange.Bid())).StatusCode);

        await using var later = DemandArrange.At(api, deadline.AddSeconds(1));
        await (await DemandArrange.DemoClientAsync(later, "admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        var closed = await (await later.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal("unsuccessful", closed.GetProperty("status").GetString());
        Assert.Contains("2 required", closed.GetProperty("statusReason").GetString(), StringComparison.Ordinal);

        var agency = await api.ClientAsAsync("cd.health");
        var core = await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand("核心数据标注", security: "core")))).JsonAsync();
        var problem = await (await agency.PostIfMatchAsync($"/api/v1/demands/{core.GetProperty("id").GetGuid()}/publish", new { })).ProblemAsync(422);
        Assert.Equal("/problems/core-data-not-tenderable", problem.GetProperty("type").GetString());
        Assert.Equal("draft", (await (await agency.GetAsync($"/api/v1/demands/{core.GetProperty("id").GetGuid()}")).JsonAsync()).GetProperty("status").GetString());
    }
}

public sealed class SealedBiddingTests_Sqlite(SqliteApi api) : SealedBiddingTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SealedBiddingTests_PostgreSql(PostgreSqlApi api) : SealedBiddingTests(api), IClassFixture<PostgreSqlApi>;
