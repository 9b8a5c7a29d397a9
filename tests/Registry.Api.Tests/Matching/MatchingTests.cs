using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Application.Matching;
using Registry.Domain.Demands;
using Registry.Domain.Matching;
using Registry.Domain.Time;

namespace Registry.Api.Tests.Matching;

/// <summary>
/// Matching over HTTP (docs/matching.md): ranked suppliers with their breakdown and near-misses, recommendations with gap advice,
/// who may read them, the publish warning, and the index kept from the outbox agreeing with one loaded from scratch. Each test
/// uses a (modality, task type) pair of its own, so the suppliers and demands of other tests do not enter its answers.
/// </summary>
public abstract class MatchingTests(RegistryApi api)
{
    private static async Task<(HttpClient Client, Guid Id, Guid? Certificate)> SupplierAsync(RegistryApi api, string region, (string Modality, string Task) pair,
        int grade, int mlps = 3)
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, region, null, (n, c) => EnterpriseArrange.Profile(n, c, region, mlps: mlps,
            capabilities: [new { modality = pair.Modality, taskType = pair.Task }]));
        Guid? certificate = grade > 0 ? await EnterpriseArrange.CertifyAsync(api, client, grade) : null;
        return (client, id, certificate);
    }

    private static object DemandBody(string title, (string Modality, string Task) pair, int grade, string security = "general", int minimumBids = 1,
        decimal budget = 100_000m) => new
    {
        title, description = title + "：标注需求", taskSpecification = "按规范标注。", positiveExamples = new[] { "正例" }, negativeExamples = new[] { "反例" },
        domain = "healthcare", modality = pair.Modality, taskTypes = new[] { pair.Task }, volume = 50_000m, volumeUnit = "items", minimumAccuracy = 0.95m,
        budgetCeiling = budget, requiredGrade = grade, securityLevel = security, regionCode = "510100", preferredBaseId = (Guid?)null,
        catalogEntryId = (Guid?)null, evaluation = new { kind = "lowest_price", priceWeight = 100, technicalWeight = 0, qualityWeight = 0 },
        bidDeadline = DateTimeOffset.UtcNow.AddDays(8), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), minimumEligibleBids = minimumBids,
    };

    private static async Task<Guid> DraftAsync(HttpClient agency, object body) =>
        (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(body))).SucceededJsonAsync()).GetProperty("id").GetGuid();

    private static async Task<JsonElement> PublishAsync(HttpClient agency, Guid id) =>
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { })).SucceededJsonAsync();

    private static List<Guid> Ids(JsonElement list) => list.EnumerateArray().Select(m => m.GetProperty("enterpriseId").GetGuid()).ToList();

    [Fact]
    public async Task A_demands_matches_rank_eligible_suppliers_with_their_breakdown_and_name_the_rule_each_near_miss_misses()
    {
        var pair = ("text", "chain_of_thought");
        var local = await SupplierAsync(api, "510100", pair, grade: 3);
        var distant = await SupplierAsync(api, "340100", pair, grade: 3);
        var lowGrade = await SupplierAsync(api, "510100", pair, grade: 2);
        var agency = await api.ClientAsAsync("cd.health");
        var id = await DraftAsync(agency, DemandBody("思维链标注", pair, grade: 3, minimumBids: 3));

        var answer = await (await agency.GetAsync($"/api/v1/demands/{id}/matches?top=10")).SucceededJsonAsync();

        Assert.Equal("draft", answer.GetProperty("status").GetString());
        Assert.Equal(2, answer.GetProperty("eligibleSuppliers").GetInt32());
        var matches = answer.GetProperty("matches");
        Assert.Equal([local.Id, distant.Id], Ids(matches));
        Assert.Equal([1, 2], matches.EnumerateArray().Select(m => m.GetProperty("rank").GetInt32()));
        var best = matches[0].GetProperty("score");
        Assert.Equal("same_city", best.GetProperty("locality").GetProperty("relation").GetString());
        Assert.Equal("elsewhere", matches[1].GetProperty("score").GetProperty("locality").GetProperty("relation").GetString());
        Assert.Equal((1, 1), (best.GetProperty("capability").GetProperty("taskTypesCovered").GetInt32(), best.GetProperty("capability").GetProperty("taskTypesRequired").GetInt32()));
        var parts = new[] { "capability", "capacity", "quality", "locality", "grade", "load" }.Sum(p => best.GetProperty(p).GetProperty("points").GetDecimal());
        Assert.Equal(best.GetProperty("total").GetDecimal(), parts);
        var miss = Assert.Single(answer.GetProperty("nearMisses").EnumerateArray());
        Assert.Equal(lowGrade.Id, miss.GetProperty("enterpriseId").GetGuid());
        Assert.Equal("grade_too_low", miss.GetProperty("rule").GetString());
        Assert.Equal("The demand requires certificate grade 3 or higher; the enterprise holds grade 2.", miss.GetProperty("message").GetString());
        Assert.True(answer.GetProperty("asOf").GetProperty("sequence").GetInt64() > 0);

        // Two eligible suppliers for a demand that needs three eligible bids: publishing warns.
        var published = await PublishAsync(agency, id);
        var warning = Assert.Single(published.GetProperty("warnings").EnumerateArray());
        Assert.Equal("few_eligible_suppliers", warning.GetProperty("code").GetString());
        Assert.StartsWith("2 registered suppliers are eligible", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_demand_enough_suppliers_can_bid_on_gives_no_warning()
    {
        var pair = ("text", "instruction_writing");
        await SupplierAsync(api, "510100", pair, grade: 2);
        var agency = await api.ClientAsAsync("cd.health");

        var published = await PublishAsync(agency, await DraftAsync(agency, DemandBody("指令编写", pair, grade: 1, minimumBids: 1)));

        Assert.Empty(published.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Another_agency_cannot_read_a_demands_matches_and_an_enterprise_or_a_regulator_elsewhere_is_refused()
    {
        var pair = ("video", "classification");
        var agency = await api.ClientAsAsync("cd.health");
        var id = await DraftAsync(agency, DemandBody("视频分类", pair, grade: 1));
        var path = $"/api/v1/demands/{id}/matches";
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);

        // A draft is the agency's own: nobody else may know it exists.
        await (await (await api.ClientAsAsync("hf.transport")).GetAsync(path)).ProblemAsync(404);
        await (await (await api.ClientAsAsync("sichuan")).GetAsync(path)).ProblemAsync(404);
        await PublishAsync(agency, id);

        await (await (await api.ClientAsAsync("hf.transport")).GetAsync(path)).ProblemAsync(403);
        await (await (await api.ClientAsAsync("shuyu")).GetAsync(path)).ProblemAsync(403);
        await (await anhui.GetAsync(path)).ProblemAsync(403);
        await (await (await api.ClientAsAsync("sichuan")).GetAsync(path)).SucceededJsonAsync();
        await (await agency.GetAsync($"/api/v1/demands/{Guid.NewGuid()}/matches")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    public async Task Top_outside_1_to_200_is_a_field_error(string top)
    {
        var agency = await api.ClientAsAsync("cd.health");
        var id = await DraftAsync(agency, DemandBody("视频跟踪", ("video", "object_tracking"), grade: 1));

        var problem = await (await agency.GetAsync($"/api/v1/demands/{id}/matches?top={top}")).ProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("top", out _), problem.ToString());
    }

    [Fact]
    public async Task Recommendations_rank_the_demands_an_enterprise_may_bid_on_and_group_those_one_rule_away()
    {
        var pair = ("audio", "preference_ranking");
        var enterprise = await SupplierAsync(api, "510100", pair, grade: 3, mlps: 2);
        var agency = await api.ClientAsAsync("cd.health");
        var open = await DraftAsync(agency, DemandBody("语音偏好排序", pair, grade: 1, budget: 120_000m));
        await PublishAsync(agency, open);
        var important = await DraftAsync(agency, DemandBody("语音偏好排序（重要数据）", pair, grade: 1, security: "important", budget: 3_400_000m));
        await PublishAsync(agency, important);

        var answer = await (await enterprise.Client.GetAsync($"/api/v1/enterprises/{enterprise.Id}/recommended-demands")).SucceededJsonAsync();

        Assert.Equal([open], answer.GetProperty("demands").EnumerateArray().Select(d => d.GetProperty("demandId").GetGuid()));
        var gap = Assert.Single(answer.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("rule").GetString() == "clearance_too_low");
        Assert.Equal((1, 3_400_000m), (gap.GetProperty("demands").GetInt32(), gap.GetProperty("totalBudget").GetDecimal()));
        Assert.Equal("MLPS (等级保护) level 3 would open 1 open demand worth 3400000.00 CNY.", gap.GetProperty("advice").GetString());
        Assert.True(answer.GetProperty("asOf").GetProperty("sequence").GetInt64() > 0);
    }

    [Fact]
    public async Task An_enterprise_cannot_read_another_enterprises_recommendations()
    {
        var pair = ("audio", "keypoints");
        var enterprise = await SupplierAsync(api, "510100", pair, grade: 2);
        var path = $"/api/v1/enterprises/{enterprise.Id}/recommended-demands";

        await (await (await api.ClientAsAsync("shuyu")).GetAsync(path)).ProblemAsync(403);
        await (await (await api.ClientAsAsync("cd.health")).GetAsync(path)).ProblemAsync(403);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        await (await anhui.GetAsync(path)).ProblemAsync(403);
        await (await (await api.ClientAsAsync("sichuan")).GetAsync(path)).SucceededJsonAsync();
        await (await enterprise.Client.GetAsync(path)).SucceededJsonAsync();
        await (await enterprise.Client.GetAsync($"/api/v1/enterprises/{Guid.NewGuid()}/recommended-demands")).ProblemAsync(404);
    }

    [Fact]
    public async Task After_registrations_a_suspension_and_an_accepted_delivery_the_index_kept_from_the_outbox_ranks_like_one_loaded_from_scratch()
    {
        var pair = ("video", "segmentation");
        var agency = await api.ClientAsAsync("cd.health");
        var draft = await DraftAsync(agency, DemandBody("视频关键点", pair, grade: 1));
        await (await agency.GetAsync($"/api/v1/demands/{draft}/matches")).SucceededJsonAsync();
        var before = api.Services.GetRequiredService<MatchingIndex>().AsOf.Sequence;

        // The burst: registrations in three places at three grades (one never certified), a suspension, a completed contract.
        var suppliers = new List<(HttpClient Client, Guid Id, Guid? Certificate)>();
        foreach (var (region, grade) in new[] { ("510100", 3), ("510700", 2), ("340100", 1), ("510100", 2), ("511300", 0) })
            suppliers.Add(await SupplierAsync(api, region, pair, grade));
        await (await (await api.ClientAsAsync("sichuan")).PostIfMatchAsync($"/api/v1/certificates/{suppliers[0].Certificate}/suspend", new { reason = "监督检查" }))
            .SucceededJsonAsync();
        var (contractId, winner) = await DemandArrange.ContractAsync(api, "匹配交付");
        var delivered = await (await winner.PostIfMatchAsync($"/api/v1/contracts/{contractId}/deliveries",
            new { description = "全部结果", quantity = 50000, manifestSha256 = new string('e', 64) })).SucceededJsonAsync();
        await (await agency.PostIfMatchAsync($"/api/v1/contracts/{contractId}/deliveries/{delivered.GetProperty("deliveries")[0].GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 500, measuredAccuracy = 0.98m })).SucceededJsonAsync();
        var winnerId = (await (await agency.GetAsync($"/api/v1/contracts/{contractId}")).SucceededJsonAsync()).GetProperty("enterpriseId").GetGuid();

        var matches = await (await agency.GetAsync($"/api/v1/demands/{draft}/matches")).SucceededJsonAsync();

        var index = api.Services.GetRequiredService<MatchingIndex>();
        Assert.True(index.AsOf.Sequence > before);
        Assert.Equal([suppliers[3].Id, suppliers[1].Id, suppliers[2].Id], Ids(matches.GetProperty("matches")));
        Assert.Contains(matches.GetProperty("nearMisses").EnumerateArray(), m =>
            m.GetProperty("enterpriseId").GetGuid() == suppliers[0].Id && m.GetProperty("rule").GetString() == "certificate_not_active");
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IReadDb>();
        var (fresh, _) = await api.Services.GetRequiredService<MatchingFeed>().LoadAsync(db, default);
        var today = ChinaTime.Today(TimeProvider.System);
        var demand = MatchDemand.Of((await DemandReads.SnapshotAsync(db, draft, default))!);
        var transport = demand with
        {
            Id = Guid.NewGuid(), Domain = "transport", Requirements = new DemandRequirements(1, "general", "image", ["bounding_box"]),
        };
        foreach (var probe in new[] { demand, transport })
        {
            var (kept, _) = index.Read(i => i.Top(probe, 200, today));
            var loaded = fresh.Top(probe, 200, today);
            Assert.Equal(loaded.EligibleCount, kept.EligibleCount);
            Assert.Equal(loaded.Matches.Select(m => (m.EnterpriseId, m.Score)), kept.Matches.Select(m => (m.EnterpriseId, m.Score)));
            Assert.Equal(loaded.NearMisses.Select(m => (m.EnterpriseId, m.Rule, m.Score)), kept.NearMisses.Select(m => (m.EnterpriseId, m.Rule, m.Score)));
        }
        var (keptAdvice, _) = index.Read(i => i.Recommend(winnerId, 200, today));
        var loadedAdvice = fresh.Recommend(winnerId, 200, today)!;
        Assert.Equal(loadedAdvice.Demands.Select(d => (d.DemandId, d.Score)), keptAdvice!.Demands.Select(d => (d.DemandId, d.Score)));
        Assert.Equal(loadedAdvice.Gaps, keptAdvice.Gaps);
        var (record, _) = index.Read(i => i.Supplier(winnerId)!.Record);
        Assert.Equal((1, 0.98m), (record!.AcceptedCount, record.MeanAccuracy));
        Assert.Equal((fresh.SupplierCount, fresh.DemandCount), index.Read(i => (i.SupplierCount, i.DemandCount)).Answer);
    }
}

public sealed class MatchingTests_Sqlite(SqliteApi api) : MatchingTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class MatchingTests_PostgreSql(PostgreSqlApi api) : MatchingTests(api), IClassFixture<PostgreSqlApi>;
