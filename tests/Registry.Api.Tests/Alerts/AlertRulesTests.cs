using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Alerts;

/// <summary>
/// The rules added to risk early warning each fire on a crafted case, stay silent on a near miss, and raise one alert per
/// subject however often the pattern repeats: a bid far below the market's median unit price, repeated bids above the
/// enterprise's grade, a certificate lapsing while its holder delivers, and bid rotation among a small group.
/// </summary>
public abstract class AlertRulesTests(RegistryApi api)
{
    [Fact]
    public async Task A_bid_under_half_the_median_unit_price_of_a_years_awards_is_raised_at_closing_and_one_just_above_half_is_not()
    {
        // Five awards of 80,000 CNY for 50,000 frames: a median unit price of 1.60 CNY per frame.
        for (var i = 0; i < 5; i++)
            await AlertArrange.AwardedAsync(api, $"帧标注成交{i}", [(await DemandArrange.BidderAsync(api), 80000m)], volumeUnit: "frames");
        var low = await DemandArrange.BidderAsync(api);
        var near = await DemandArrange.BidderAsync(api);
        var (demand, _) = await DemandArrange.PublishedAsync(api, "帧标注低价", volumeUnit: "frames");
        await (await low.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 39000m)))).SucceededJsonAsync();
        await (await near.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 40500m)))).SucceededJsonAsync();
        Assert.Empty(await AlertArrange.OfAsync(api, "bid_far_below_median", demand));

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).SucceededJsonAsync();

        var alert = Assert.Single(await AlertArrange.OfAsync(api, "bid_far_below_median", demand));
        Assert.Equal("warning", alert.GetProperty("severity").GetString());
        var evidence = alert.GetProperty("evidence");
        Assert.Equal(1.60m, evidence.GetProperty("median").GetDecimal());
        Assert.Equal(0.78m, evidence.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(5, evidence.GetProperty("priorAwards").GetInt32());
        Assert.Contains("中位数", alert.GetProperty("messageZh").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_five_awards_of_the_same_unit_no_bid_is_compared_with_a_median()
    {
        await AlertArrange.AwardedAsync(api, "点云成交", [(await DemandArrange.BidderAsync(api), 80000m)], volumeUnit: "point_cloud_frames");
        var demand = await AlertArrange.ClosedAsync(api, "点云低价", [(await DemandArrange.BidderAsync(api), 10000m)], volumeUnit: "point_cloud_frames");

        Assert.Empty(await AlertArrange.OfAsync(api, "bid_far_below_median", demand));
    }

    [Fact]
    public async Task The_third_bid_above_the_enterprises_grade_within_30_days_raises_one_alert_and_later_ones_no_more()
    {
        var (enterprise, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await EnterpriseArrange.CertifyAsync(api, enterprise, grade: 2);
        async Task RefusedAsync(int i)
        {
            var (demand, _) = await DemandArrange.PublishedAsync(api, $"高等级需求{i}", grade: 4);
            var problem = await (await enterprise.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).ProblemAsync(422);
            Assert.EndsWith("/grade-too-low", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        await RefusedAsync(1);
        await RefusedAsync(2);
        Assert.Empty(await AlertArrange.OfAsync(api, "bid_above_standing", id));
        await RefusedAsync(3);
        await RefusedAsync(4);

        var alert = Assert.Single(await AlertArrange.OfAsync(api, "bid_above_standing", id));
        Assert.Equal(3, alert.GetProperty("evidence").GetProperty("attempts").GetArrayLength());
        Assert.Equal("enterprise", alert.GetProperty("entityType").GetString());
    }

    [Fact]
    public async Task A_refused_bid_retried_with_the_same_Idempotency_Key_is_counted_once()
    {
        var (enterprise, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await EnterpriseArrange.CertifyAsync(api, enterprise, grade: 2);
        async Task RefusedAsync(Guid demand, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/demands/{demand}/bids/mine") { Content = JsonBody.Of(DemandArrange.Bid()) };
            request.Headers.Add("Idempotency-Key", key);
            await (await enterprise.SendAsync(request)).ProblemAsync(422);
        }
        var (retried, _) = await DemandArrange.PublishedAsync(api, "重试高等级需求", grade: 4);

        for (var i = 0; i < 3; i++) await RefusedAsync(retried, "retry-" + id);
        Assert.Empty(await AlertArrange.OfAsync(api, "bid_above_standing", id));
        for (var i = 0; i < 2; i++) await RefusedAsync((await DemandArrange.PublishedAsync(api, $"另一高等级需求{i}", grade: 4)).Id, Guid.NewGuid().ToString());

        var alert = Assert.Single(await AlertArrange.OfAsync(api, "bid_above_standing", id));
        Assert.Equal(3, alert.GetProperty("evidence").GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Bids_refused_for_want_of_any_certificate_are_not_counted_as_bidding_above_standing()
    {
        var (enterprise, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        for (var i = 0; i < 3; i++)
        {
            var (demand, _) = await DemandArrange.PublishedAsync(api, $"无证投标需求{i}", grade: 4);
            var problem = await (await enterprise.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).ProblemAsync(422);
            Assert.EndsWith("/certificate-not-active", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await AlertArrange.OfAsync(api, "bid_above_standing", id));
    }

    [Fact]
    public async Task A_certificate_suspended_while_its_holder_delivers_a_contract_is_raised_once_per_status()
    {
        var (contract, enterprise) = await DemandArrange.ContractAsync(api, "履约中证书暂停");
        var enterpriseId = (await (await enterprise.GetAsync($"/api/v1/contracts/{contract}")).JsonAsync()).GetProperty("enterpriseId").GetGuid();
        var certificate = (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{enterpriseId}")).JsonAsync()).GetProperty("certificate").GetProperty("id").GetGuid();
        var sichuan = await api.ClientAsAsync("sichuan");

        await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "飞行检查" })).SucceededJsonAsync();
        await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/reinstate", new { reason = "整改完成" })).SucceededJsonAsync();
        await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "再次检查" })).SucceededJsonAsync();

        var alert = Assert.Single(await AlertArrange.OfAsync(api, "certificate_lapsed_in_delivery", certificate));
        Assert.Equal("high", alert.GetProperty("severity").GetString());
        Assert.Equal(contract, alert.GetProperty("evidence").GetProperty("contracts")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_certificate_suspended_without_contracts_in_delivery_raises_nothing()
    {
        var certificate = await EnterpriseArrange.CertificateAsync(api, suspended: true);

        Assert.Empty(await AlertArrange.OfAsync(api, "certificate_lapsed_in_delivery", certificate));
    }

    [Fact]
    public async Task Three_enterprises_taking_turns_to_win_four_demands_of_one_agency_are_raised_as_bid_rotation_once()
    {
        HttpClient a = await DemandArrange.BidderAsync(api), b = await DemandArrange.BidderAsync(api), c = await DemandArrange.BidderAsync(api);
        (HttpClient, decimal)[] WonBy(HttpClient winner) => [.. new[] { a, b, c }.Select(x => (x, x == winner ? 70000m : 76000m + (x == a ? 0 : x == b ? 1000 : 2000)))];

        var first = await AlertArrange.AwardedAsync(api, "轮流中标一", WonBy(a));
        await AlertArrange.AwardedAsync(api, "轮流中标二", WonBy(b));
        await AlertArrange.AwardedAsync(api, "轮流中标三", WonBy(a));
        Assert.DoesNotContain(await AlertArrange.ListAsync(await api.ClientAsAsync("sichuan"), "&type=bid_rotation"),
            x => x.GetProperty("evidence").GetProperty("demands").EnumerateArray().Any(d => d.GetProperty("demandId").GetGuid() == first));
        var fourth = await AlertArrange.AwardedAsync(api, "轮流中标四", WonBy(c));
        await AlertArrange.AwardedAsync(api, "轮流中标五", WonBy(b));

        var alerts = (await AlertArrange.ListAsync(await api.ClientAsAsync("sichuan"), "&type=bid_rotation"))
            .Where(x => x.GetProperty("evidence").GetProperty("demands").EnumerateArray().Any(d => d.GetProperty("demandId").GetGuid() == first)).ToList();
        var alert = Assert.Single(alerts);
        var evidence = alert.GetProperty("evidence");
        Assert.Equal("agency", evidence.GetProperty("scope").GetString());
        Assert.Equal(3, evidence.GetProperty("members").GetArrayLength());
        Assert.Equal(fourth, evidence.GetProperty("demands")[3].GetProperty("demandId").GetGuid());
        Assert.Equal(3, evidence.GetProperty("winners").GetInt32());
        Assert.Equal("bidder_group", alert.GetProperty("entityType").GetString());
    }
}

public sealed class AlertRulesTests_Sqlite(SqliteApi api) : AlertRulesTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AlertRulesTests_PostgreSql(PostgreSqlApi api) : AlertRulesTests(api), IClassFixture<PostgreSqlApi>;
