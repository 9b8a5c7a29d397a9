using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Time;

namespace Registry.Api.Tests.Exclusions;

/// <summary>
/// Exclusions over HTTP (docs/demands.md, Exclusions): regulators of the enterprise's jurisdiction record and lift them, anyone
/// reads the register; an exclusion in force refuses bids, drops a bid at closing, refuses the award and takes the supplier out of
/// matching, from its first day through its last (China dates), and no longer once lifted or past.
/// </summary>
public abstract class ExclusionTests(RegistryApi api)
{
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static object Exclusion(Guid enterpriseId, DateOnly start, DateOnly? end, string type = "debarment", string source = "regulator") => new
    {
        enterpriseId, type, source, reason = "在政府采购活动中提供虚假材料谋取中标", legalBasis = "《政府采购法》第七十七条", startDate = start, endDate = end,
    };

    private async Task<JsonElement> RecordAsync(Guid enterpriseId, DateOnly start, DateOnly? end = null, string regulator = "sichuan") =>
        await (await (await api.ClientAsAsync(regulator)).PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(enterpriseId, start, end)))).SucceededJsonAsync();

    private async Task<JsonElement> LiftAsync(Guid exclusionId, string reason = "行政复议决定撤销原处罚") =>
        await (await (await api.ClientAsAsync("sichuan")).PostIfMatchAsync($"/api/v1/exclusions/{exclusionId}/lift", new { reason })).SucceededJsonAsync();

    private static Task<HttpResponseMessage> BidAsync(HttpClient bidder, Guid demand) =>
        bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));

    private static async Task<List<Guid>> ListedAsync(HttpClient reader, string query) =>
        (await (await reader.GetAsync("/api/v1/exclusions?pageSize=100&" + query)).SucceededJsonAsync()).GetProperty("items").EnumerateArray()
        .Select(x => x.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task A_regulator_records_an_exclusion_that_anyone_finds_by_name_or_credit_code_with_public_fields_only()
    {
        var name = "失信测试标注企业" + Guid.NewGuid().ToString("N")[..6];
        var (_, enterprise) = await EnterpriseArrange.RegisteredAsync(api, "510100", name);

        var response = await (await api.ClientAsAsync("sichuan")).PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(enterprise, Today, Today.AddYears(1))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.JsonAsync();
        var id = recorded.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/exclusions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(("in_force", "debarment", "regulator", "《政府采购法》第七十七条", "四川省数据局"), (recorded.GetProperty("status").GetString(),
            recorded.GetProperty("type").GetString(), recorded.GetProperty("source").GetString(), recorded.GetProperty("legalBasis").GetString(),
            recorded.GetProperty("recordedBy").GetString()));
        var code = recorded.GetProperty("creditCode").GetString()!;

        var anonymous = api.CreateClient();
        Assert.Contains(id, await ListedAsync(anonymous, "q=" + Uri.EscapeDataString(name[..10])));
        Assert.Equal([id], await ListedAsync(anonymous, "q=" + code));
        Assert.Equal([id], await ListedAsync(anonymous, "creditCode=" + code + "&active=true"));
        Assert.Empty(await ListedAsync(anonymous, "creditCode=" + code + "&active=false"));
        var read = await anonymous.GetAsync($"/api/v1/exclusions/{id}");
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        Assert.Contains(name, text, StringComparison.Ordinal);
        // The enterprise's contact (its profile's phone and e-mail) is not the register's business.
        Assert.DoesNotContain("028-88886666", text, StringComparison.Ordinal);
        Assert.DoesNotContain("contact@example.cn", text, StringComparison.Ordinal);
        await (await anonymous.GetAsync($"/api/v1/exclusions/{Guid.NewGuid()}")).ProblemAsync(404);
    }

    [Fact]
    public async Task An_exclusion_starting_tomorrow_is_scheduled_and_not_in_force_and_the_national_regulator_records_anywhere()
    {
        var (_, enterprise) = await EnterpriseArrange.RegisteredAsync(api, "130600");

        var scheduled = await RecordAsync(enterprise, Today.AddDays(1), regulator: "nda");

        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.True(scheduled.GetProperty("endDate").ValueKind == JsonValueKind.Null);
        var code = scheduled.GetProperty("creditCode").GetString();
        Assert.Empty(await ListedAsync(api.CreateClient(), $"creditCode={code}&active=true"));
        Assert.Single(await ListedAsync(api.CreateClient(), $"creditCode={code}&active=false"));
    }

    [Fact]
    public async Task An_excluded_enterprise_cannot_bid_and_may_again_once_the_exclusion_is_lifted()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "失信企业投标测试");
        var party = await DemandArrange.BidderPartyAsync(api);
        var bidder = await party.On(api);
        var exclusion = await RecordAsync(party.Id, Today, Today.AddMonths(6));

        var refused = await (await BidAsync(bidder, demand)).ProblemAsync(422);
        Assert.Equal("/problems/excluded", refused.GetProperty("type").GetString());
        Assert.Equal(0, (await (await bidder.GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync()).GetArrayLength());

        var lifted = await LiftAsync(exclusion.GetProperty("id").GetGuid());
        Assert.Equal(("lifted", "行政复议决定撤销原处罚", 2), (lifted.GetProperty("status").GetString(), lifted.GetProperty("liftReason").GetString(),
            lifted.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(bidder, demand)).StatusCode);
    }

    [Fact]
    public async Task A_bid_made_before_the_exclusion_is_dropped_at_closing()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "失信企业开标测试");
        var excluded = await DemandArrange.BidderPartyAsync(api);
        var other = await DemandArrange.BidderAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(await excluded.On(api), demand)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BidAsync(other, demand)).StatusCode);
        await RecordAsync(excluded.Id, Today);

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));

        var bids = await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/demands/{demand}/bids")).SucceededJsonAsync();
        var mine = bids.EnumerateArray().Single(b => b.GetProperty("enterpriseId").GetGuid() == excluded.Id);
        Assert.False(mine.GetProperty("eligible").GetBoolean());
        Assert.Contains("excluded", mine.GetProperty("ineligibilityReason").GetString(), StringComparison.Ordinal);
        Assert.Single(bids.EnumerateArray(), b => b.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task The_award_to_a_bidder_excluded_after_the_evaluation_is_refused()
    {
        var (demand, bidId, _) = await DemandArrange.EvaluatedAsync(api, "失信企业授标测试");
        var agency = await api.ClientAsAsync("cd.health");
        var evaluation = await (await agency.GetAsync($"/api/v1/demands/{demand}/evaluation")).SucceededJsonAsync();
        await RecordAsync(evaluation.GetProperty("bids")[0].GetProperty("enterpriseId").GetGuid(), Today);

        var refused = await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId })).ProblemAsync(422);

        Assert.Equal("/problems/bidder-no-longer-eligible", refused.GetProperty("type").GetString());
        Assert.Contains("excluded", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static object MatchDemand(string title, (string Modality, string Task) pair) => new
    {
        title, description = title + "：标注需求", taskSpecification = "按规范标注。", positiveExamples = new[] { "正例" }, negativeExamples = new[] { "反例" },
        domain = "transport", modality = pair.Modality, taskTypes = new[] { pair.Task }, volume = 10_000m, volumeUnit = "items", minimumAccuracy = 0.95m,
        budgetCeiling = 100_000m, requiredGrade = 1, securityLevel = "general", regionCode = "510100", preferredBaseId = (Guid?)null,
        catalogEntryId = (Guid?)null, evaluation = new { kind = "lowest_price", priceWeight = 100, technicalWeight = 0, qualityWeight = 0 },
        bidDeadline = DateTimeOffset.UtcNow.AddDays(8), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), minimumEligibleBids = 1,
    };

    private static async Task<Guid> SupplierAsync(RegistryApi api, (string Modality, string Task) pair)
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = pair.Modality, taskType = pair.Task }]));
        await EnterpriseArrange.CertifyAsync(api, client, 3);
        return id;
    }

    private static async Task<(List<Guid> Matches, string? NearMissRule)> MatchesAsync(HttpClient agency, Guid demand, Guid supplier)
    {
        var answer = await (await agency.GetAsync($"/api/v1/demands/{demand}/matches?top=50")).SucceededJsonAsync();
        var rule = answer.GetProperty("nearMisses").EnumerateArray().Where(m => m.GetProperty("enterpriseId").GetGuid() == supplier)
            .Select(m => m.GetProperty("rule").GetString()).SingleOrDefault();
        return (answer.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("enterpriseId").GetGuid()).ToList(), rule);
    }

    [Fact]
    public async Task An_excluded_supplier_leaves_a_demands_matches_and_returns_when_the_exclusion_is_lifted()
    {
        var pair = ("point_cloud", "labeling_review");
        var supplier = await SupplierAsync(api, pair);
        var agency = await api.ClientAsAsync("cd.health");
        var demand = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(MatchDemand("点云复核匹配测试", pair)))).SucceededJsonAsync())
            .GetProperty("id").GetGuid();
        Assert.Contains(supplier, (await MatchesAsync(agency, demand, supplier)).Matches);

        var exclusion = await RecordAsync(supplier, Today);

        var excluded = await MatchesAsync(agency, demand, supplier);
        Assert.DoesNotContain(supplier, excluded.Matches);
        Assert.Equal("excluded", excluded.NearMissRule);

        await LiftAsync(exclusion.GetProperty("id").GetGuid());
        Assert.Contains(supplier, (await MatchesAsync(agency, demand, supplier)).Matches);
    }

    [Fact]
    public async Task The_last_day_is_excluded_in_bidding_and_matching_and_the_day_after_is_not()
    {
        var pair = ("four_d", "quality_assessment");
        var party = await DemandArrange.PartyAsync(api, await SupplierAsync(api, pair));
        var agency = await api.ClientAsAsync("cd.health");
        var demand = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(MatchDemand("四维质检期满测试", pair)))).SucceededJsonAsync())
            .GetProperty("id").GetGuid();
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/publish", new { })).SucceededJsonAsync();
        var last = Today.AddDays(2);
        await RecordAsync(party.Id, Today, last);
        // One host whose clock moves: its matching index notices the date change without any event.
        var clock = new TestClock(new DateTimeOffset(last.ToDateTime(new TimeOnly(23, 59)), ChinaTime.Offset));
        using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var hostAgency = await DemandArrange.DemoClientAsync(host, "cd.health");
        Assert.DoesNotContain(party.Id, (await MatchesAsync(hostAgency, demand, party.Id)).Matches);

        clock.Set(new DateTimeOffset(last.AddDays(1).ToDateTime(new TimeOnly(0, 1)), ChinaTime.Offset));

        Assert.Contains(party.Id, (await MatchesAsync(hostAgency, demand, party.Id)).Matches);
        var status = await (await host.CreateClient().GetAsync("/api/v1/exclusions?active=false&pageSize=100")).SucceededJsonAsync();
        Assert.Contains(status.GetProperty("items").EnumerateArray(), x => x.GetProperty("enterpriseId").GetGuid() == party.Id
            && x.GetProperty("status").GetString() == "ended");
        var refused = await (await BidOnAsync(party, demand, last)).ProblemAsync(422);
        Assert.Equal("/problems/excluded", refused.GetProperty("type").GetString());
        var accepted = await BidOnAsync(party, demand, last.AddDays(1));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> BidOnAsync(DemandArrange.Party party, Guid demand, DateOnly day)
    {
        using var host = DemandArrange.At(api, new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset));
        return await BidAsync(await party.On(host), demand);
    }

    [Fact]
    public async Task An_enterprise_cannot_record_or_lift_an_exclusion_not_even_of_itself()
    {
        var (enterprise, id) = await EnterpriseArrange.RegisteredAsync(api);
        await (await enterprise.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(id, Today, null)))).ProblemAsync(403);
        var exclusion = (await RecordAsync(id, Today)).GetProperty("id").GetGuid();

        await (await enterprise.PostIfMatchAsync($"/api/v1/exclusions/{exclusion}/lift", new { reason = "我方已整改" })).ProblemAsync(403);

        Assert.Equal("in_force", (await (await api.CreateClient().GetAsync($"/api/v1/exclusions/{exclusion}")).SucceededJsonAsync())
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_provincial_regulator_cannot_exclude_nor_lift_for_an_enterprise_of_another_province()
    {
        var (_, hebei) = await EnterpriseArrange.RegisteredAsync(api, "130600");
        var sichuan = await api.ClientAsAsync("sichuan");

        await (await sichuan.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(hebei, Today, null)))).ProblemAsync(403);
        var national = (await RecordAsync(hebei, Today, regulator: "nda")).GetProperty("id").GetGuid();
        await (await sichuan.PostIfMatchAsync($"/api/v1/exclusions/{national}/lift", new { reason = "越权解除" })).ProblemAsync(403);
        await (await sichuan.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(Guid.NewGuid(), Today, null)))).ProblemAsync(404);
    }

    [Fact]
    public async Task Lifting_needs_a_reason_the_current_version_and_an_exclusion_not_lifted_yet()
    {
        var (_, enterprise) = await EnterpriseArrange.RegisteredAsync(api);
        var id = (await RecordAsync(enterprise, Today)).GetProperty("id").GetGuid();
        var sichuan = await api.ClientAsAsync("sichuan");

        var noReason = await (await sichuan.PostIfMatchAsync($"/api/v1/exclusions/{id}/lift", new { reason = " " })).ProblemAsync(400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _), noReason.ToString());
        await (await sichuan.PostAsync($"/api/v1/exclusions/{id}/lift", JsonBody.Of(new { reason = "无版本" }))).ProblemAsync(400);
        await (await sichuan.PostIfMatchAsync($"/api/v1/exclusions/{id}/lift", new { reason = "旧版本" },
            new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""))).ProblemAsync(412);

        await LiftAsync(id);

        await (await sichuan.PostIfMatchAsync($"/api/v1/exclusions/{id}/lift", new { reason = "再次解除" })).ProblemAsync(409);
    }

    [Fact]
    public async Task An_exclusion_ending_before_it_starts_or_of_an_unknown_type_is_refused_with_the_field()
    {
        var (_, enterprise) = await EnterpriseArrange.RegisteredAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");

        var backwards = await (await sichuan.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(enterprise, Today, Today.AddDays(-1))))).ProblemAsync(400);
        Assert.True(backwards.GetProperty("errors").TryGetProperty("endDate", out _), backwards.ToString());
        var unknown = await (await sichuan.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(enterprise, Today, null, type: "suspension")))).ProblemAsync(400);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("type", out _), unknown.ToString());
        var ended = await (await sichuan.PostAsync("/api/v1/exclusions", JsonBody.Of(Exclusion(enterprise, Today.AddDays(-30), Today.AddDays(-1))))).ProblemAsync(422);
        Assert.Equal("/problems/exclusion-already-ended", ended.GetProperty("type").GetString());
    }
}

public sealed class ExclusionTests_Sqlite(SqliteApi api) : ExclusionTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ExclusionTests_PostgreSql(PostgreSqlApi api) : ExclusionTests(api), IClassFixture<PostgreSqlApi>;
