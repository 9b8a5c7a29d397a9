using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common.Projections;
using Registry.Application.Statistics.Projections;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// Industry statistics over HTTP with real tokens: figures projected from the outbox match hand-computed numbers for a city, its
/// province and the nation; a replay rebuilds them identically; regions read by jurisdiction only; the published overview shows no
/// single bid; every table comes as CSV too.
/// </summary>
public abstract class StatisticsTests(RegistryApi api)
{
    private const string Nanchong = "511300";

    private static readonly string[] Flows =
        ["published", "budget", "awarded", "awardedValue", "unsuccessful", "cancelled", "opened", "bidsOpened", "invitationsSent"];

    private static readonly string[] ContractFlows = ["completed", "onTime", "deliveriesAccepted", "deliveriesRejected", "terminated"];

    private Task CatchUpAsync() => api.Services.GetRequiredService<Projector>().CatchUpAsync(RegionActivityProjection.ProjectionName, default);

    private async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        await CatchUpAsync();
        return await (await client.GetAsync(path)).SucceededJsonAsync();
    }

    private Task<JsonElement> OverviewAsync(HttpClient client, string region) => GetAsync(client, $"/api/v1/statistics/overview?region={region}");

    /// <summary>The demand and contract flows of an overview, by name.</summary>
    private static Dictionary<string, decimal> FlowsOf(JsonElement overview)
    {
        var flows = Flows.ToDictionary(f => "demands." + f, f => overview.GetProperty("demands").GetProperty(f).GetDecimal());
        foreach (var f in ContractFlows) flows["contracts." + f] = overview.GetProperty("contracts").GetProperty(f).GetDecimal();
        return flows;
    }

    private static Dictionary<string, decimal> Minus(Dictionary<string, decimal> after, Dictionary<string, decimal> before) =>
        after.ToDictionary(a => a.Key, a => a.Value - before[a.Key]);

    private static object DemandBody(string title, string region, string modality = "image", string taskType = "bounding_box",
        string unit = "images") => new
    {
        title, description = title + "：标注需求", taskSpecification = "按规范标注每条数据。", positiveExamples = new[] { "合格样例" },
        negativeExamples = new[] { "不合格样例" }, domain = "transport", modality, taskTypes = new[] { taskType }, volume = 50000m, volumeUnit = unit,
        minimumAccuracy = 0.95m, budgetCeiling = 100000m, requiredGrade = 1, securityLevel = "general", regionCode = region,
        preferredBaseId = (Guid?)null, catalogEntryId = (Guid?)null,
        evaluation = new { kind = "lowest_price", priceWeight = 100, technicalWeight = 0, qualityWeight = 0 },
        bidDeadline = DateTimeOffset.UtcNow.AddDays(8), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), minimumEligibleBids = 1,
    };

    /// <summary>A new agency of <paramref name="region"/> with an API client of its own.</summary>
    private async Task<HttpClient> AgencyAsync(string region)
    {
        var admin = await api.ClientAsAsync("admin");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "统计测试采购单位" + Guid.NewGuid().ToString("N")[..6], kind = "agency", regionCode = region,
            creditCode = TestCreditCodes.Next("11" + region + "MB"),
        }))).SucceededJsonAsync();
        return await (await DemandArrange.PartyAsync(api, org.GetProperty("id").GetGuid())).On(api);
    }

    /// <summary>A certified enterprise able to bid for <paramref name="modality"/> and <paramref name="taskType"/>.</summary>
    private async Task<(HttpClient Client, Guid Id)> BidderAsync(string modality = "image", string taskType = "bounding_box")
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality, taskType }]));
        await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        return (client, id);
    }

    private static async Task<Guid> PublishAsync(HttpClient agency, object body)
    {
        var id = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(body))).SucceededJsonAsync()).GetProperty("id").GetGuid();
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { })).SucceededJsonAsync();
        return id;
    }

    private static async Task BidAsync(HttpClient bidder, Guid demand, decimal price) =>
        await (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price)))).SucceededJsonAsync();

    /// <summary>Moves the deadlines into the past and runs the closing job, which opens the bids.</summary>
    private async Task CloseAsync(params Guid[] demands)
    {
        foreach (var id in demands)
            await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).SucceededJsonAsync();
    }

    private static async Task<Guid> EvaluateAsync(HttpClient agency, Guid demand) =>
        (await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync())
        .GetProperty("bids")[0].GetProperty("bidId").GetGuid();

    /// <summary>Awards the bid and signs the contract once its publicity period is moved into the past.</summary>
    private async Task<Guid> AwardAsync(HttpClient agency, Guid demand, Guid bidId)
    {
        var contract = (await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId })).SucceededJsonAsync()).GetProperty("id").GetGuid();
        await DemandArrange.PassPublicityAsync(api, contract);
        (await agency.PostIfMatchAsync($"/api/v1/contracts/{contract}/signature", new { })).EnsureSuccessStatusCode();
        return contract;
    }

    private static async Task<Guid> DeliverAsync(HttpClient enterprise, Guid contract)
    {
        var delivered = await (await enterprise.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries",
            new { description = "标注结果交付", quantity = 50000, manifestSha256 = new string('c', 64) })).SucceededJsonAsync();
        return delivered.GetProperty("deliveries").EnumerateArray().Last().GetProperty("id").GetGuid();
    }

    private static async Task DecideAsync(HttpClient agency, Guid contract, Guid delivery, decimal accuracy) =>
        await (await agency.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries/{delivery}/acceptance",
            new { sampleSize = 500, measuredAccuracy = accuracy, note = "抽检" })).SucceededJsonAsync();

    /// <summary>
    /// In a city of Sichuan, by a new agency: three demands published (budget 100,000 each) and a fourth cancelled as a draft; the first gets
    /// bids of 80,000 and 70,000 and an invitation, is awarded at 70,000 for 50,000 images, delivered once rejected then accepted on
    /// time; the second gets one bid and is declared unsuccessful; the third is cancelled while open. One enterprise registers there
    /// with 40 + 28 + 12 annotators in healthcare and education, and is named a gazelle.
    /// </summary>
    private async Task ScriptAsync(string city)
    {
        var agency = await AgencyAsync(city);
        var (_, local) = await EnterpriseArrange.RegisteredAsync(api, city);
        await (await (await api.ClientAsAsync("nda")).PostAsync($"/api/v1/enterprises/{local}/designations",
            JsonBody.Of(new { designation = "gazelle", grantedOn = "2026-11-01", reason = "高成长" }))).SucceededJsonAsync();
        var (first, firstId) = await BidderAsync();
        var (second, _) = await BidderAsync();

        var awarded = await PublishAsync(agency, DemandBody("统计脚本：授标", city));
        await BidAsync(first, awarded, 80000m);
        await BidAsync(second, awarded, 70000m);
        await (await agency.PostAsync($"/api/v1/demands/{awarded}/invitations", JsonBody.Of(new { enterpriseIds = new[] { firstId } })))
            .SucceededJsonAsync();
        var unsuccessful = await PublishAsync(agency, DemandBody("统计脚本：流标", city));
        await BidAsync(first, unsuccessful, 90000m);
        var cancelled = await PublishAsync(agency, DemandBody("统计脚本：取消", city));
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{cancelled}/cancel", new { reason = "预算调整" })).SucceededJsonAsync();
        var draft = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandBody("统计脚本：草稿", city)))).SucceededJsonAsync())
            .GetProperty("id").GetGuid();
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{draft}/cancel", new { reason = "草稿作废" })).SucceededJsonAsync();

        await CloseAsync(awarded, unsuccessful);
        var contract = await AwardAsync(agency, awarded, await EvaluateAsync(agency, awarded));
        await EvaluateAsync(agency, unsuccessful);
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{unsuccessful}/unsuccessful", new { reason = "唯一投标方案不满足要求" })).SucceededJsonAsync();

        await DecideAsync(agency, contract, await DeliverAsync(second, contract), 0.93m);
        await DecideAsync(agency, contract, await DeliverAsync(second, contract), 0.98m);
    }

    private static readonly Dictionary<string, decimal> NanchongFlows = new()
    {
        ["demands.published"] = 3, ["demands.budget"] = 300000m, ["demands.awarded"] = 1, ["demands.awardedValue"] = 70000m,
        ["demands.unsuccessful"] = 1, ["demands.cancelled"] = 1, ["demands.opened"] = 2, ["demands.bidsOpened"] = 3,
        ["demands.invitationsSent"] = 1, ["contracts.completed"] = 1, ["contracts.onTime"] = 1, ["contracts.deliveriesAccepted"] = 1,
        ["contracts.deliveriesRejected"] = 1, ["contracts.terminated"] = 0,
    };

    [Fact]
    public async Task A_scripted_sequence_gives_the_hand_computed_figures_for_a_city_its_province_and_the_nation()
    {
        var admin = await api.ClientAsAsync("admin");
        var provinceBefore = FlowsOf(await OverviewAsync(admin, "510000"));
        var nationBefore = FlowsOf(await OverviewAsync(admin, "000000"));

        await ScriptAsync(Nanchong);

        var city = await OverviewAsync(admin, Nanchong);
        Assert.Equal(NanchongFlows, FlowsOf(city));
        Assert.Equal(1.5m, city.GetProperty("demands").GetProperty("bidsPerDemand").GetDecimal());
        Assert.Equal(1, city.GetProperty("enterprises").GetProperty("registered").GetInt64());
        Assert.Equal(80, city.GetProperty("talent").GetProperty("annotators").GetInt64());
        Assert.Equal("[{\"code\":\"gazelle\",\"number\":1}]", city.GetProperty("enterprises").GetProperty("byDesignation").GetRawText());
        Assert.Equal(["education|1|80|0|0", "healthcare|1|80|0|0", "transport|0|0|3|300000"],
            city.GetProperty("supplyAndDemand").EnumerateArray().Select(d => string.Join('|', d.GetProperty("domain").GetString(),
                d.GetProperty("enterprises").GetInt64(), d.GetProperty("annotators").GetInt64(), d.GetProperty("demandsPublished").GetInt64(),
                d.GetProperty("budget").GetDecimal().ToString("0", System.Globalization.CultureInfo.InvariantCulture))));
        var price = Assert.Single(city.GetProperty("unitPrices").EnumerateArray());
        Assert.Equal(("image", "images", 1L, 1.4m), (price.GetProperty("modality").GetString(), price.GetProperty("unit").GetString(),
            price.GetProperty("awards").GetInt64(), price.GetProperty("averageUnitPrice").GetDecimal()));
        Assert.Equal(NanchongFlows, Minus(FlowsOf(await OverviewAsync(admin, "510000")), provinceBefore));
        Assert.Equal(NanchongFlows, Minus(FlowsOf(await OverviewAsync(admin, "000000")), nationBefore));

        var series = await GetAsync(admin, $"/api/v1/statistics/series?region={Nanchong}&metric=awardedValue");
        Assert.Equal(70000m, series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("value").GetDecimal()));
        Assert.Equal(12, series.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task A_province_is_the_sum_of_its_cities_and_the_nation_the_sum_of_its_provinces()
    {
        await ScriptAsync("511600");
        var admin = await api.ClientAsAsync("admin");
        foreach (var (region, by) in new[] { ("510000", "city"), ("000000", "province") })
        {
            var breakdown = await GetAsync(admin, $"/api/v1/statistics/breakdown?region={region}&by={by}");
            var overview = await OverviewAsync(admin, region);
            var rows = breakdown.GetProperty("rows").EnumerateArray().ToList();
            Assert.True(rows.Count > 0);
            Assert.Equal(overview.GetProperty("demands").GetProperty("published").GetDecimal(), rows.Sum(r => r.GetProperty("demandsPublished").GetDecimal()));
            Assert.Equal(overview.GetProperty("demands").GetProperty("budget").GetDecimal(), rows.Sum(r => r.GetProperty("budgetPublished").GetDecimal()));
            Assert.Equal(overview.GetProperty("demands").GetProperty("awardedValue").GetDecimal(), rows.Sum(r => r.GetProperty("awardedValue").GetDecimal()));
            Assert.Equal(overview.GetProperty("demands").GetProperty("bidsOpened").GetDecimal(), rows.Sum(r => r.GetProperty("bidsOpened").GetDecimal()));
        }
        var cities = await GetAsync(admin, "/api/v1/statistics/breakdown?region=510000&by=city");
        Assert.Contains(cities.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == "511600"
            && r.GetProperty("demandsPublished").GetInt64() == 3 && r.GetProperty("nameZh").GetString() == "广安市");
    }

    [Fact]
    public async Task A_breakdown_without_a_span_gives_the_figures_of_one_spanning_every_month()
    {
        await ScriptAsync("511800");
        var admin = await api.ClientAsAsync("admin");
        foreach (var by in new[] { "province", "city", "domain", "modality", "base" })
        {
            var whole = await GetAsync(admin, $"/api/v1/statistics/breakdown?region=000000&by={by}");
            var spanned = await GetAsync(admin, $"/api/v1/statistics/breakdown?region=000000&by={by}&from=2000-01&to=2099-12");
            Assert.NotEmpty(whole.GetProperty("rows").EnumerateArray());
            Assert.Equal(spanned.GetProperty("rows").GetRawText(), whole.GetProperty("rows").GetRawText());
            Assert.Equal(spanned.GetProperty("total").GetRawText(), whole.GetProperty("total").GetRawText());
        }
    }

    [Fact]
    public async Task Replaying_the_outbox_from_zero_gives_identical_figures()
    {
        await ScriptAsync("511700");
        var admin = await api.ClientAsAsync("admin");
        var paths = new[]
        {
            "/api/v1/statistics/overview?region=000000", "/api/v1/statistics/overview?region=510000",
            "/api/v1/statistics/breakdown?region=000000&by=city", "/api/v1/statistics/breakdown?region=000000&by=modality",
            "/api/v1/statistics/talent?region=000000", "/api/v1/statistics/bases?region=000000", "/api/v1/statistics/market?region=000000",
        };
        async Task<List<string>> FiguresAsync()
        {
            var figures = new List<string>();
            foreach (var path in paths)
            {
                var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await GetAsync(admin, path)).GetRawText())!;
                body.Remove("asOf"); // the rebuild's own event moves it
                figures.Add(path + " " + JsonSerializer.Serialize(body));
            }
            return figures;
        }
        var before = await FiguresAsync();

        await (await admin.PostAsync($"/api/v1/admin/projections/{RegionActivityProjection.ProjectionName}/rebuild", JsonBody.Of(new { })))
            .SucceededJsonAsync();
        var emptied = await (await admin.GetAsync("/api/v1/statistics/overview?region=000000")).SucceededJsonAsync();
        Assert.Equal(0, emptied.GetProperty("asOf").GetProperty("sequence").GetInt64());

        Assert.Equal(before, await FiguresAsync());
    }

    [Fact]
    public async Task Every_answer_says_how_far_the_projection_has_read_the_outbox()
    {
        var admin = await api.ClientAsAsync("admin");
        var overview = await OverviewAsync(admin, "000000");
        var head = await api.Services.GetRequiredService<Projector>().StatesAsync(default);
        var cursor = head.Single(s => s.Name == RegionActivityProjection.ProjectionName);
        Assert.Equal(cursor.Seq, overview.GetProperty("asOf").GetProperty("sequence").GetInt64());
        Assert.Equal(cursor.EventAt!.Value, overview.GetProperty("asOf").GetProperty("committedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_public_overview_is_national_and_hides_prices_and_bid_counts_resting_on_fewer_than_three_awards()
    {
        // One award of point clouds, a combination nothing else uses: its price is the winner's bid.
        var agency = await AgencyAsync("511500");
        var (bidder, _) = await BidderAsync("point_cloud", "bounding_box");
        var demand = await PublishAsync(agency, DemandBody("宜宾点云统计", "511500", "point_cloud", "bounding_box", "point_cloud_frames"));
        await BidAsync(bidder, demand, 61234m);
        await CloseAsync(demand);
        await AwardAsync(agency, demand, await EvaluateAsync(agency, demand));

        var full = await OverviewAsync(await api.ClientAsAsync("admin"), "000000");
        var published = await OverviewAsync(api.CreateClient(), "000000");
        var asEnterprise = await OverviewAsync(await api.ClientAsAsync("shuyu"), "000000");

        Assert.False(full.GetProperty("published").GetBoolean());
        Assert.True(published.GetProperty("published").GetBoolean());
        Assert.Equal(published.GetProperty("unitPrices").GetRawText(), asEnterprise.GetProperty("unitPrices").GetRawText());
        static JsonElement PointClouds(JsonElement o) => o.GetProperty("unitPrices").EnumerateArray().Single(p => p.GetProperty("modality").GetString() == "point_cloud");
        Assert.Equal(1.2247m, PointClouds(full).GetProperty("averageUnitPrice").GetDecimal()); // 61,234 / 50,000
        Assert.Equal(JsonValueKind.Null, PointClouds(published).GetProperty("averageUnitPrice").ValueKind);
        Assert.True(PointClouds(published).GetProperty("suppressed").GetBoolean());
        foreach (var p in published.GetProperty("unitPrices").EnumerateArray())
            Assert.Equal(p.GetProperty("awards").GetInt64() < 3, p.GetProperty("averageUnitPrice").ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain("1.2247", published.GetRawText(), StringComparison.Ordinal);
    }

    public static TheoryData<string> SupervisedPaths() =>
    [
        "/api/v1/statistics/series?metric=demandsPublished", "/api/v1/statistics/breakdown?by=city", "/api/v1/statistics/bases",
        "/api/v1/statistics/talent", "/api/v1/statistics/market",
    ];

    private static string With(string path, string query) => path + (path.Contains('?') ? "&" : "?") + query;

    [Theory]
    [MemberData(nameof(SupervisedPaths))]
    public async Task A_provincial_regulator_reads_its_province_and_no_other(string path)
    {
        var sichuan = await api.ClientAsAsync("sichuan");
        await CatchUpAsync();
        Assert.Equal("510000", (await (await sichuan.GetAsync(path)).SucceededJsonAsync()).GetProperty("region").GetString());
        Assert.Equal(Nanchong, (await (await sichuan.GetAsync(With(path, "region=" + Nanchong))).SucceededJsonAsync()).GetProperty("region").GetString());
        await (await sichuan.GetAsync(With(path, "region=340000"))).ProblemAsync(404);
        await (await sichuan.GetAsync(With(path, "region=000000"))).ProblemAsync(404);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        await (await anhui.GetAsync(With(path, "region=510000"))).ProblemAsync(404);
        await (await (await api.ClientAsAsync("shuyu")).GetAsync(path)).ProblemAsync(403);
        await (await api.CreateClient().GetAsync(path)).ProblemAsync(401);
        Assert.Equal("340000", (await (await (await api.ClientAsAsync("admin")).GetAsync(With(path, "region=340000"))).SucceededJsonAsync())
            .GetProperty("region").GetString());
    }

    [Fact]
    public async Task The_overview_is_national_for_the_public_and_by_jurisdiction_for_regulators()
    {
        await CatchUpAsync();
        var sichuan = await api.ClientAsAsync("sichuan");
        Assert.Equal("510000", (await (await sichuan.GetAsync("/api/v1/statistics/overview")).SucceededJsonAsync()).GetProperty("region").GetString());
        await (await sichuan.GetAsync("/api/v1/statistics/overview?region=340000")).ProblemAsync(404);
        await (await sichuan.GetAsync("/api/v1/statistics/overview?region=000000")).ProblemAsync(404);
        var anonymous = await (await api.CreateClient().GetAsync("/api/v1/statistics/overview")).SucceededJsonAsync();
        Assert.Equal(("000000", true), (anonymous.GetProperty("region").GetString(), anonymous.GetProperty("published").GetBoolean()));
        await (await api.CreateClient().GetAsync("/api/v1/statistics/overview?region=510000")).ProblemAsync(404);
        await (await (await api.ClientAsAsync("shuyu")).GetAsync("/api/v1/statistics/overview?region=510000")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("/api/v1/statistics/series?metric=bidCount", "metric")]
    [InlineData("/api/v1/statistics/series", "metric")]
    [InlineData("/api/v1/statistics/series?metric=awardedValue&from=2026-13", "from")]
    [InlineData("/api/v1/statistics/series?metric=awardedValue&from=2026-10&to=2026-01", "to")]
    [InlineData("/api/v1/statistics/breakdown?by=county", "by")]
    [InlineData("/api/v1/statistics/breakdown?by=city&region=999999", "region")]
    [InlineData("/api/v1/statistics/overview?region=12", "region")]
    [InlineData("/api/v1/statistics/market?from=2026&to=2020", "to")]
    [InlineData("/api/v1/statistics/talent?format=xlsx", "format")]
    public async Task An_unknown_metric_dimension_region_or_span_is_a_400_naming_the_field(string path, string field)
    {
        var problem = await (await (await api.ClientAsAsync("admin")).GetAsync(path)).ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Csv_answers_are_utf8_with_a_byte_order_mark_and_neutralise_formulas()
    {
        var admin = await api.ClientAsAsync("admin");
        await (await admin.PostAsync("/api/v1/bases", JsonBody.Of(new
        {
            code = "csv" + Guid.NewGuid().ToString("N")[..6], nameZh = "=cmd|' /C calc'!A0", level = "provincial", regionCode = "510700",
            focusDomains = new[] { "agriculture" },
        }))).SucceededJsonAsync();
        await CatchUpAsync();

        var response = await admin.GetAsync("/api/v1/statistics/bases?region=510000&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("base_id,code,name,", text, StringComparison.Ordinal);
        Assert.Contains(",'=cmd|' /C calc'!A0,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);

        var byAccept = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/breakdown?region=510000&by=city");
        byAccept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var breakdown = await admin.SendAsync(byAccept);
        Assert.Equal("text/csv", breakdown.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString((await breakdown.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("city,name,demands_published,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("510000,四川省,", lines[^1], StringComparison.Ordinal);

        var published = await api.CreateClient().GetAsync("/api/v1/statistics/overview?format=csv");
        Assert.Equal("text/csv", published.Content.Headers.ContentType?.MediaType);
        Assert.Contains("demands,published,", Encoding.UTF8.GetString(await published.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_reads_the_award_value_of_the_nation_this_year_and_each_award_adds_to_it()
    {
        var anonymous = api.CreateClient();
        var year = DateTime.UtcNow.AddHours(8).Year;
        var before = await GetAsync(anonymous, "/api/v1/statistics/awards");
        Assert.Equal((year, "000000"), (before.GetProperty("year").GetInt32(), before.GetProperty("region").GetString()));

        await ScriptAsync("511900");

        var after = await GetAsync(anonymous, "/api/v1/statistics/awards");
        Assert.Equal(1, after.GetProperty("awards").GetInt64() - before.GetProperty("awards").GetInt64());
        Assert.Equal(70000m, after.GetProperty("awardedValue").GetDecimal() - before.GetProperty("awardedValue").GetDecimal());
        Assert.True(after.GetProperty("asOf").GetProperty("sequence").GetInt64() > before.GetProperty("asOf").GetProperty("sequence").GetInt64());
        var market = await GetAsync(await api.ClientAsAsync("admin"), $"/api/v1/statistics/market?region=000000&from={year - 1}&to={year}");
        var lastYear = await GetAsync(anonymous, $"/api/v1/statistics/awards?year={year - 1}");
        Assert.Equal(market.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("awardedValue").GetDecimal()),
            [lastYear.GetProperty("awardedValue").GetDecimal(), after.GetProperty("awardedValue").GetDecimal()]);
        var problem = await (await anonymous.GetAsync("/api/v1/statistics/awards?year=1999")).ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _), problem.ToString());
    }

    [Fact]
    public async Task Market_indicators_compare_growth_with_the_policy_line_and_measure_concentration()
    {
        var admin = await api.ClientAsAsync("admin");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var market = await GetAsync(admin, $"/api/v1/statistics/market?region=000000&from={year - 1}&to={year}");
        Assert.Equal(0.2m, market.GetProperty("policyGrowthTarget").GetDecimal());
        Assert.Equal([year - 1, year], market.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
        var shares = market.GetProperty("demandByDomain").EnumerateArray().Select(d => d.GetProperty("share").GetDecimal()).ToList();
        Assert.InRange(shares.Sum(), 0.999m, 1.001m);
        Assert.All(market.GetProperty("concentration").EnumerateArray(), c =>
        {
            Assert.InRange(c.GetProperty("hhi").GetDecimal(), 0m, 10000m);
            Assert.InRange(c.GetProperty("top10Share").GetDecimal(), 0m, 1m);
            if (c.GetProperty("winners").GetInt64() == 1) Assert.Equal(10000m, c.GetProperty("hhi").GetDecimal());
        });
        Assert.NotEmpty(market.GetProperty("concentration").EnumerateArray());
    }
}

public sealed class StatisticsTests_Sqlite(SqliteApi api) : StatisticsTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class StatisticsTests_PostgreSql(PostgreSqlApi api) : StatisticsTests(api), IClassFixture<PostgreSqlApi>;
