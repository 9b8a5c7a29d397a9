using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Contracts;

/// <summary>Evaluation, award, contract, delivery and acceptance over HTTP with real tokens, on every database.</summary>
public abstract class AwardAndAcceptanceTests(RegistryApi api)
{
    private static readonly string Manifest = new('c', 64);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsync(path, JsonBody.Of(body));

    /// <summary>A change of a demand or contract, with the If-Match of the version <paramref name="reader"/> (by default the sender) reads.</summary>
    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string path, object body, HttpClient? reader = null) =>
        client.PostIfMatchAsync(path, body, reader);

    /// <summary>Moves the award past its publicity period and signs the contract as <paramref name="agency"/>.</summary>
    private async Task SignAsync(HttpClient agency, Guid contractId)
    {
        await DemandArrange.PassPublicityAsync(api, contractId);
        Assert.Equal("active", (await OkAsync(ChangeAsync(agency, $"/api/v1/contracts/{contractId}/signature", new { }))).GetProperty("status").GetString());
    }

    /// <summary>A published demand of Chengdu's health commission with the given bids, closed by a host standing just after the deadline.</summary>
    private async Task<(Guid Demand, WebApplicationFactory<Program> Later)> ClosedAsync(string title, object? evaluation,
        params (DemandArrange.Party Bidder, object Bid)[] bids)
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, title, evaluation: evaluation);
        foreach (var (bidder, bid) in bids)
        {
            var client = await bidder.On(api);
            await OkAsync(client.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(bid)));
        }
        var later = DemandArrange.At(api, deadline.AddMinutes(1));
        await OkAsync(PostAsync(await DemandArrange.DemoClientAsync(later, "admin"), "/api/v1/admin/jobs/demand-closing", new { }));
        return (demand, later);
    }

    private static JsonElement Row(JsonElement evaluation, Guid enterprise) =>
        evaluation.GetProperty("bids").EnumerateArray().Single(b => b.GetProperty("enterpriseId").GetGuid() == enterprise);

    [Fact]
    public async Task Evaluate_award_deliver_reject_redeliver_accept_and_the_record_counts_in_the_next_evaluation()
    {
        var loser = await DemandArrange.BidderPartyAsync(api);
        var winner = await DemandArrange.BidderPartyAsync(api);
        var (demand, later) = await ClosedAsync("评标授标验收全流程", DemandArrange.Comprehensive(),
            (loser, DemandArrange.Bid(price: 80000m, accuracy: 0.97m, dueInDays: 30)), (winner, DemandArrange.Bid(price: 90000m, accuracy: 0.99m, dueInDays: 25)));
        await using var laterHost = later;
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");
        Assert.Equal("evaluating", (await OkAsync(agency.GetAsync($"/api/v1/demands/{demand}"))).GetProperty("status").GetString());

        // Evaluate: both newcomers, neutral quality; the winner's accuracy and earlier delivery outweigh its higher price.
        var evaluation = await OkAsync(PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { }));
        Assert.Equal(2, evaluation.GetProperty("eligibleBids").GetInt32());
        Assert.Equal(80000m, evaluation.GetProperty("lowestEligiblePrice").GetDecimal());
        var top = Row(evaluation, winner.Id);
        var second = Row(evaluation, loser.Id);
        Assert.Equal(1, top.GetProperty("rank").GetInt32());
        Assert.Equal(2, second.GetProperty("rank").GetInt32());
        Assert.Equal(50m, second.GetProperty("score").GetProperty("priceScore").GetDecimal());
        Assert.Equal(44.45m, top.GetProperty("score").GetProperty("priceScore").GetDecimal());
        foreach (var row in new[] { top, second })
        {
            var score = row.GetProperty("score");
            Assert.Equal("newcomer", score.GetProperty("qualityBasis").GetString());
            Assert.Equal(10m, score.GetProperty("qualityScore").GetDecimal());
            Assert.Equal(score.GetProperty("priceScore").GetDecimal() + score.GetProperty("technicalScore").GetDecimal() + 10m,
                score.GetProperty("total").GetDecimal());
        }

        // Who sees the evaluation: the losing bidder its own row only; another agency and another province's regulator nothing.
        var loserClient = await loser.On(later);
        var own = await OkAsync(loserClient.GetAsync($"/api/v1/demands/{demand}/evaluation"));
        Assert.Equal([loser.Id], own.GetProperty("bids").EnumerateArray().Select(b => b.GetProperty("enterpriseId").GetGuid()));
        var otherAgency = await DemandArrange.DemoClientAsync(later, "hf.transport");
        await (await otherAgency.GetAsync($"/api/v1/demands/{demand}/evaluation")).ProblemAsync(404);
        await (await PostAsync(otherAgency, $"/api/v1/demands/{demand}/evaluation", new { })).ProblemAsync(403);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(later);
        await (await anhui.GetAsync($"/api/v1/demands/{demand}/evaluation")).ProblemAsync(404);
        var sichuan = await DemandArrange.DemoClientAsync(later, "sichuan");
        Assert.Equal(2, (await OkAsync(sichuan.GetAsync($"/api/v1/demands/{demand}/evaluation"))).GetProperty("bids").GetArrayLength());
        await (await ChangeAsync(otherAgency, $"/api/v1/demands/{demand}/award", new { bidId = top.GetProperty("bidId").GetGuid() })).ProblemAsync(403);

        // Award the top-ranked bid: the contract holds the parties, the price, the promised date.
        var contract = await OkAsync(ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId = top.GetProperty("bidId").GetGuid() }),
            HttpStatusCode.Created);
        var contractId = contract.GetProperty("id").GetGuid();
        Assert.StartsWith("HT-", contract.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal(winner.Id, contract.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(90000m, contract.GetProperty("value").GetDecimal());
        Assert.Equal(1, contract.GetProperty("bidRank").GetInt32());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(25)), DateOnly.Parse(contract.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var awarded = await OkAsync(agency.GetAsync($"/api/v1/demands/{demand}"));
        Assert.Equal("awarded", awarded.GetProperty("status").GetString());
        Assert.Equal(contractId, awarded.GetProperty("contractId").GetGuid());
        await (await PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { })).ProblemAsync(409);

        // Pending until signed: nobody delivers on it, and the agency signs only after the result notice's publicity period.
        Assert.Equal("pending", contract.GetProperty("status").GetString());
        var early = await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/signature", new { })).ProblemAsync(422);
        Assert.Equal("publicity_period", early.GetProperty("code").GetString());
        Assert.Contains("(UTC+08:00)", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await ChangeAsync(await winner.On(later), $"/api/v1/contracts/{contractId}/deliveries",
            new { description = "签订前交付", quantity = 1, manifestSha256 = Manifest })).ProblemAsync(409);
        await (await ChangeAsync(await winner.On(later), $"/api/v1/contracts/{contractId}/signature", new { })).ProblemAsync(403);
        await SignAsync(agency, contractId);
        await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/signature", new { })).ProblemAsync(409);

        // Wrong actors on the contract: the losing bidder, another agency, another province's regulator.
        await (await loserClient.GetAsync($"/api/v1/contracts/{contractId}")).ProblemAsync(404);
        await (await ChangeAsync(loserClient, $"/api/v1/contracts/{contractId}/deliveries", new { description = "冒充交付", quantity = 1, manifestSha256 = Manifest },
            reader: agency)).ProblemAsync(404);
        await (await otherAgency.GetAsync($"/api/v1/contracts/{contractId}")).ProblemAsync(404);
        await (await anhui.GetAsync($"/api/v1/contracts/{contractId}")).ProblemAsync(404);
        Assert.Equal(0, (await OkAsync(anhui.GetAsync("/api/v1/contracts"))).GetProperty("items").EnumerateArray()
            .Count(c => c.GetProperty("id").GetGuid() == contractId));

        // First delivery: the demand is in delivery; a second one waits for the decision.
        var winnerClient = await winner.On(later);
        var delivered = await OkAsync(ChangeAsync(winnerClient, $"/api/v1/contracts/{contractId}/deliveries",
            new { description = "第一批：全部图像拉框结果", quantity = 50000, manifestSha256 = Manifest.ToUpperInvariant() }));
        var first = delivered.GetProperty("deliveries")[0];
        Assert.True(first.GetProperty("onTime").GetBoolean());
        Assert.Equal(Manifest, first.GetProperty("manifestSha256").GetString());
        Assert.Equal("in_delivery", (await OkAsync(agency.GetAsync($"/api/v1/demands/{demand}"))).GetProperty("status").GetString());
        await (await ChangeAsync(winnerClient, $"/api/v1/contracts/{contractId}/deliveries", new { description = "重复", quantity = 1, manifestSha256 = Manifest }))
            .ProblemAsync(422);
        var badSample = await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/deliveries/{first.GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 60000, measuredAccuracy = 0.97m })).ProblemAsync(400);
        Assert.True(badSample.GetProperty("errors").TryGetProperty("sampleSize", out _));
        await (await ChangeAsync(otherAgency, $"/api/v1/contracts/{contractId}/deliveries/{first.GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 500, measuredAccuracy = 0.97m }, reader: agency)).ProblemAsync(404);

        // Rejected once: measured accuracy below the minimum.
        var rejected = await OkAsync(ChangeAsync(agency, $"/api/v1/contracts/{contractId}/deliveries/{first.GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 500, measuredAccuracy = 0.93m, note = "遮挡车辆漏标较多" }));
        Assert.Equal("active", rejected.GetProperty("status").GetString());
        var decision = rejected.GetProperty("deliveries")[0];
        Assert.Equal("rejected", decision.GetProperty("status").GetString());
        Assert.Contains("below the minimum 0.95", decision.GetProperty("decisionNote").GetString(), StringComparison.Ordinal);
        Assert.Contains("遮挡车辆漏标较多", decision.GetProperty("decisionNote").GetString(), StringComparison.Ordinal);
        var alerts = await OkAsync(sichuan.GetAsync("/api/v1/alerts?type=delivery_rejected&pageSize=100"));
        Assert.Contains(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("entityId").GetString() == contractId.ToString());

        // Redelivery, accepted: contract and demand completed.
        var redelivered = await OkAsync(ChangeAsync(winnerClient, $"/api/v1/contracts/{contractId}/deliveries",
            new { description = "第二批：补标遮挡车辆后的全部结果", quantity = 50000, manifestSha256 = new string('d', 64) }));
        var second2 = redelivered.GetProperty("deliveries")[1];
        Assert.Equal(2, second2.GetProperty("attempt").GetInt32());
        var accepted = await OkAsync(ChangeAsync(agency, $"/api/v1/contracts/{contractId}/deliveries/{second2.GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 500, measuredAccuracy = 0.97m }));
        Assert.Equal("completed", accepted.GetProperty("status").GetString());
        Assert.Equal(0.97m, accepted.GetProperty("acceptedAccuracy").GetDecimal());
        Assert.True(accepted.GetProperty("onTime").GetBoolean());
        Assert.Equal("completed", (await OkAsync(agency.GetAsync($"/api/v1/demands/{demand}"))).GetProperty("status").GetString());
        await (await ChangeAsync(winnerClient, $"/api/v1/contracts/{contractId}/deliveries", new { description = "多余", quantity = 1, manifestSha256 = Manifest }))
            .ProblemAsync(409);

        // The contract page shows the history to the parties and to Sichuan's regulator; the lists hold it.
        var page = await OkAsync(sichuan.GetAsync($"/api/v1/contracts/{contractId}"));
        Assert.Equal(["rejected", "accepted"], page.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("status").GetString()));
        Assert.Contains((await OkAsync(winnerClient.GetAsync("/api/v1/contracts?status=completed&pageSize=100"))).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == contractId);
        Assert.Contains((await OkAsync(agency.GetAsync("/api/v1/contracts?pageSize=100"))).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == contractId);
        Assert.Equal(0, (await OkAsync(loserClient.GetAsync("/api/v1/contracts"))).GetProperty("total").GetInt32());

        // The quality record, public, and in the enterprise's profile.
        var quality = await OkAsync(api.CreateClient().GetAsync($"/api/v1/enterprises/{winner.Id}/quality"));
        Assert.Equal(1, quality.GetProperty("acceptedCount").GetInt32());
        Assert.Equal(0.97m, quality.GetProperty("meanAccuracy").GetDecimal());
        Assert.Equal(1m, quality.GetProperty("onTimeRate").GetDecimal());
        Assert.Equal(1, quality.GetProperty("rejectedDeliveries").GetInt32());
        Assert.Equal("transport", quality.GetProperty("domains")[0].GetProperty("domain").GetString());
        var profile = await OkAsync(api.CreateClient().GetAsync($"/api/v1/enterprises/{winner.Id}"));
        Assert.Equal(1, profile.GetProperty("quality").GetProperty("acceptedCount").GetInt32());
        var directory = await OkAsync(api.CreateClient().GetAsync("/api/v1/enterprises?sort=quality&pageSize=100"));
        var listed = directory.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == winner.Id);
        Assert.Equal(1, listed.GetProperty("qualityAcceptedCount").GetInt32());
        Assert.Equal(0.97m, listed.GetProperty("qualityMeanAccuracy").GetDecimal());

        // The next evaluation in the same domain uses the record: (1 × (0.4 + 1) / 2 + 2 × 0.5) / 3 = 0.5667 against a newcomer's 0.5.
        var newcomer = await DemandArrange.BidderPartyAsync(api);
        var (next, nextLater) = await ClosedAsync("评标使用质量记录", DemandArrange.Comprehensive(),
            (winner, DemandArrange.Bid(price: 80000m, accuracy: 0.97m)), (newcomer, DemandArrange.Bid(price: 80000m, accuracy: 0.97m)));
        await using var nextHost = nextLater;
        var nextEvaluation = await OkAsync(PostAsync(await DemandArrange.DemoClientAsync(nextLater, "cd.health"), $"/api/v1/demands/{next}/evaluation", new { }));
        var experienced = Row(nextEvaluation, winner.Id).GetProperty("score");
        Assert.Equal("domain", experienced.GetProperty("qualityBasis").GetString());
        Assert.Equal(1, experienced.GetProperty("qualityDeliveries").GetInt32());
        Assert.Equal(0.5667m, experienced.GetProperty("qualityFactor").GetDecimal());
        Assert.Equal(11.33m, experienced.GetProperty("qualityScore").GetDecimal());
        Assert.Equal(0.5m, Row(nextEvaluation, newcomer.Id).GetProperty("score").GetProperty("qualityFactor").GetDecimal());
        Assert.Equal(1, Row(nextEvaluation, winner.Id).GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Sichuans_regulator_lists_Chengdus_contracts_and_alerts_and_not_Hefeis()
    {
        // Each demand closes with a single bidder, which raises a single_bidder alert for the demand's region.
        var (chengdu, _) = await DemandArrange.ContractAsync(api, "成都辖区内的合同");
        var (hefei, _) = await DemandArrange.ContractAsync(api, "合肥辖区内的合同", agency: "hf.transport", region: "340100");
        var admin = await api.ClientAsAsync("admin");
        async Task<string> DemandOfAsync(Guid contract) =>
            (await OkAsync(admin.GetAsync($"/api/v1/contracts/{contract}"))).GetProperty("demandId").GetString()!;
        var (chengduDemand, hefeiDemand) = (await DemandOfAsync(chengdu), await DemandOfAsync(hefei));
        static List<string> Listed(JsonElement page, string field) =>
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!).ToList();

        foreach (var (client, own, other) in new[]
                 {
                     (await api.ClientAsAsync("sichuan"), (Contract: chengdu, Demand: chengduDemand), (Contract: hefei, Demand: hefeiDemand)),
                     (await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api), (Contract: hefei, Demand: hefeiDemand), (Contract: chengdu, Demand: chengduDemand)),
                 })
        {
            var contracts = Listed(await OkAsync(client.GetAsync("/api/v1/contracts?pageSize=100")), "id");
            Assert.Contains(own.Contract.ToString(), contracts);
            Assert.DoesNotContain(other.Contract.ToString(), contracts);
            var alerts = Listed(await OkAsync(client.GetAsync("/api/v1/alerts?type=single_bidder&pageSize=100")), "entityId");
            Assert.Contains(own.Demand, alerts);
            Assert.DoesNotContain(other.Demand, alerts);
        }
        var everything = Listed(await OkAsync(admin.GetAsync("/api/v1/contracts?pageSize=100")), "id");
        Assert.Contains(chengdu.ToString(), everything);
        Assert.Contains(hefei.ToString(), everything);
    }

    [Fact]
    public async Task Awarding_a_bid_other_than_the_top_needs_a_reason_which_regulators_see()
    {
        var cheap = await DemandArrange.BidderPartyAsync(api);
        var dear = await DemandArrange.BidderPartyAsync(api);
        var (demand, later) = await ClosedAsync("非第一名授标须说明理由", null,
            (cheap, DemandArrange.Bid(price: 70000m)), (dear, DemandArrange.Bid(price: 85000m)));
        await using var laterHost = later;
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");
        await (await ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId = Guid.NewGuid() })).ProblemAsync(422);
        var evaluation = await OkAsync(PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { }));
        Assert.Equal(cheap.Id, evaluation.GetProperty("bids")[0].GetProperty("enterpriseId").GetGuid());
        var dearBid = Row(evaluation, dear.Id).GetProperty("bidId").GetGuid();

        var refused = await (await ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId = dearBid, reason = "  " })).ProblemAsync(400);
        Assert.True(refused.GetProperty("errors").TryGetProperty("reason", out _));
        var unknown = await (await ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId = Guid.NewGuid() })).ProblemAsync(400);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("bidId", out _));
        Assert.Equal("evaluating", (await OkAsync(agency.GetAsync($"/api/v1/demands/{demand}"))).GetProperty("status").GetString());

        const string reason = "第一名投标人在上一合同中存在数据安全违规，经集体决策授予第二名。";
        var contract = await OkAsync(ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId = dearBid, reason }), HttpStatusCode.Created);
        Assert.Equal(2, contract.GetProperty("bidRank").GetInt32());
        Assert.Equal(reason, contract.GetProperty("awardReason").GetString());

        var sichuan = await DemandArrange.DemoClientAsync(later, "sichuan");
        var seen = await OkAsync(sichuan.GetAsync($"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}"));
        Assert.Equal(reason, seen.GetProperty("awardReason").GetString());
        var alerts = await OkAsync(sichuan.GetAsync("/api/v1/alerts?type=award_not_top_ranked&pageSize=100"));
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("entityId").GetString() == contract.GetProperty("id").GetGuid().ToString());
        Assert.Contains(reason, alert.GetProperty("message").GetString(), StringComparison.Ordinal);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(later);
        Assert.DoesNotContain((await OkAsync(anhui.GetAsync("/api/v1/alerts?type=award_not_top_ranked&pageSize=100"))).GetProperty("items").EnumerateArray(),
            a => a.GetProperty("entityId").GetString() == contract.GetProperty("id").GetGuid().ToString());
    }

    [Fact]
    public async Task Two_agency_users_awarding_at_once_produce_exactly_one_contract()
    {
        var first = await DemandArrange.BidderPartyAsync(api);
        var second = await DemandArrange.BidderPartyAsync(api);
        var (demand, later) = await ClosedAsync("并发授标", null, (first, DemandArrange.Bid(price: 70000m)), (second, DemandArrange.Bid(price: 72000m)));
        await using var laterHost = later;
        var agencyA = await DemandArrange.DemoClientAsync(later, "cd.health");
        var agencyB = await (await DemandArrange.PartyAsync(api, await api.OrganizationIdAsync("cd.health"))).On(later);
        var evaluation = await OkAsync(PostAsync(agencyA, $"/api/v1/demands/{demand}/evaluation", new { }));
        var bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid();

        var read = await agencyA.ETagAsync($"/api/v1/demands/{demand}");

        var responses = (await Task.WhenAll(
            agencyA.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId }, read),
            agencyB.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId }, read))).Select(r => r.StatusCode).Order().ToList();

        // The one that comes second finds the version it read gone (412), or, racing it, the demand awarded (409).
        Assert.Equal(HttpStatusCode.Created, responses[0]);
        Assert.Contains(responses[1], new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed });
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var id = api.Services.GetRequiredService<IConnectionFactory>().Dialect.Name == "Sqlite" ? (object)demand.ToString("D") : demand;
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from contracts where demand_id = @id", new { id }));
    }

    /// <summary>A demand closed with one bid of <paramref name="bidder"/> due in 20 days, evaluated and awarded to it.</summary>
    private async Task<(Guid Demand, WebApplicationFactory<Program> Later, HttpClient Agency, Guid ContractId, DateOnly Due)> AwardedAsync(
        string title, DemandArrange.Party bidder)
    {
        var (demand, later) = await ClosedAsync(title, null, (bidder, DemandArrange.Bid(price: 60000m, dueInDays: 20)));
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");
        var bidId = (await OkAsync(PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { }))).GetProperty("bids")[0].GetProperty("bidId").GetGuid();
        var contract = await OkAsync(ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId }), HttpStatusCode.Created);
        await SignAsync(agency, contract.GetProperty("id").GetGuid());
        return (demand, later, agency, contract.GetProperty("id").GetGuid(),
            DateOnly.Parse(contract.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The same database seen on the day after <paramref name="due"/>, 10:00 China Standard Time.</summary>
    private WebApplicationFactory<Program> DayAfter(DateOnly due) =>
        DemandArrange.At(api, new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

    [Fact]
    public async Task A_late_delivery_is_flagged_and_an_overdue_contract_can_be_terminated()
    {
        var bidder = await DemandArrange.BidderPartyAsync(api);
        var (demand, later, agency, contractId, due) = await AwardedAsync("逾期交付与终止", bidder);
        await using var laterHost = later;
        await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/terminate", new { reason = "逾期" })).ProblemAsync(422);

        // The day after the due date (China Standard Time): a delivery is late, and once rejected the contract can be terminated.
        await using var overdue = DayAfter(due);
        var lateClient = await bidder.On(overdue);
        var lateAgency = await DemandArrange.DemoClientAsync(overdue, "cd.health");
        var delivered = await OkAsync(ChangeAsync(lateClient, $"/api/v1/contracts/{contractId}/deliveries",
            new { description = "逾期交付", quantity = 50000, manifestSha256 = Manifest }));
        var delivery = delivered.GetProperty("deliveries")[0];
        Assert.False(delivery.GetProperty("onTime").GetBoolean());
        var sichuan = await DemandArrange.DemoClientAsync(overdue, "sichuan");
        Assert.Contains((await OkAsync(sichuan.GetAsync("/api/v1/alerts?type=delivery_late&pageSize=100"))).GetProperty("items").EnumerateArray(),
            a => a.GetProperty("entityId").GetString() == contractId.ToString());
        await (await ChangeAsync(lateAgency, $"/api/v1/contracts/{contractId}/terminate", new { reason = "逾期" })).ProblemAsync(422);
        await OkAsync(ChangeAsync(lateAgency, $"/api/v1/contracts/{contractId}/deliveries/{delivery.GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 200, measuredAccuracy = 0.9m }));
        await (await ChangeAsync(lateAgency, $"/api/v1/contracts/{contractId}/terminate", new { reason = "" })).ProblemAsync(400);

        var terminated = await OkAsync(ChangeAsync(lateAgency, $"/api/v1/contracts/{contractId}/terminate", new { reason = "逾期且验收不合格，终止合同" }));
        Assert.Equal("terminated", terminated.GetProperty("status").GetString());
        Assert.Equal("terminated", (await OkAsync(lateAgency.GetAsync($"/api/v1/demands/{demand}"))).GetProperty("status").GetString());
        var quality = await OkAsync(api.CreateClient().GetAsync($"/api/v1/enterprises/{bidder.Id}/quality"));
        Assert.Equal(0, quality.GetProperty("acceptedCount").GetInt32());
        Assert.Equal(1, quality.GetProperty("terminatedContracts").GetInt32());
        Assert.Equal(1, quality.GetProperty("rejectedDeliveries").GetInt32());
        await (await ChangeAsync(lateClient, $"/api/v1/contracts/{contractId}/deliveries", new { description = "终止后", quantity = 1, manifestSha256 = Manifest }))
            .ProblemAsync(409);
    }

    [Fact]
    public async Task A_termination_racing_a_delivery_from_the_same_version_never_leaves_a_terminated_contract_with_a_delivery_awaiting()
    {
        var bidder = await DemandArrange.BidderPartyAsync(api);
        var (_, later, _, contractId, due) = await AwardedAsync("终止与交付并发", bidder);
        await using var laterHost = later;
        await using var overdue = DayAfter(due);
        var (enterprise, overdueAgency) = (await bidder.On(overdue), await DemandArrange.DemoClientAsync(overdue, "cd.health"));
        var read = await overdueAgency.ETagAsync($"/api/v1/contracts/{contractId}/terminate");

        // Overdue with nothing awaiting a decision: either step alone is allowed; both together would contradict each other.
        var answers = await Task.WhenAll(
            overdueAgency.PostIfMatchAsync($"/api/v1/contracts/{contractId}/terminate", new { reason = "逾期未交付，终止合同" }, read),
            enterprise.PostIfMatchAsync($"/api/v1/contracts/{contractId}/deliveries", new { description = "最后一刻交付", quantity = 50000, manifestSha256 = Manifest }, read));

        Assert.Single(answers, a => a.IsSuccessStatusCode);
        var loser = answers.Single(a => !a.IsSuccessStatusCode);
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict });
        var after = await OkAsync(overdueAgency.GetAsync($"/api/v1/contracts/{contractId}"));
        var awaiting = after.GetProperty("deliveries").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "submitted");
        Assert.Equal(after.GetProperty("status").GetString() == "terminated" ? 0 : 1, awaiting);
    }

    [Fact]
    public async Task An_agency_declares_an_evaluated_demand_unsuccessful_with_a_reason()
    {
        var bidder = await DemandArrange.BidderPartyAsync(api);
        var (demand, later) = await ClosedAsync("宣布流标", null, (bidder, DemandArrange.Bid()));
        await using var laterHost = later;
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");
        await (await ChangeAsync(agency, $"/api/v1/demands/{demand}/unsuccessful", new { reason = "" })).ProblemAsync(400);
        var declared = await OkAsync(ChangeAsync(agency, $"/api/v1/demands/{demand}/unsuccessful", new { reason = "唯一投标方案技术要求不满足" }));
        Assert.Equal("unsuccessful", declared.GetProperty("status").GetString());
        Assert.Equal("唯一投标方案技术要求不满足", declared.GetProperty("statusReason").GetString());
        await (await PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { })).ProblemAsync(409);
        await (await ChangeAsync(agency, $"/api/v1/demands/{demand}/unsuccessful", new { reason = "再次" })).ProblemAsync(409);
    }

    [Fact]
    public async Task Bad_input_is_a_field_error_and_stores_nothing()
    {
        var bidder = await DemandArrange.BidderPartyAsync(api);
        var (demand, later) = await ClosedAsync("交付输入校验", null, (bidder, DemandArrange.Bid()));
        await using var laterHost = later;
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");
        var bidId = (await OkAsync(PostAsync(agency, $"/api/v1/demands/{demand}/evaluation", new { }))).GetProperty("bids")[0].GetProperty("bidId").GetGuid();
        var contractId = (await OkAsync(ChangeAsync(agency, $"/api/v1/demands/{demand}/award", new { bidId }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SignAsync(agency, contractId);
        var client = await bidder.On(later);

        var bad = await (await ChangeAsync(client, $"/api/v1/contracts/{contractId}/deliveries",
            new { description = "", quantity = -1, manifestSha256 = "not-a-hash" })).ProblemAsync(400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("description", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("manifestSha256", out _));
        var delivered = await OkAsync(ChangeAsync(client, $"/api/v1/contracts/{contractId}/deliveries", new { description = "交付", quantity = 100, manifestSha256 = Manifest }));
        Assert.Equal(1, delivered.GetProperty("deliveries").GetArrayLength());
        var deliveryId = delivered.GetProperty("deliveries")[0].GetProperty("id").GetGuid();
        var badDecision = await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/deliveries/{deliveryId}/acceptance",
            new { sampleSize = 0, measuredAccuracy = 1.5m })).ProblemAsync(400);
        Assert.True(badDecision.GetProperty("errors").TryGetProperty("measuredAccuracy", out _));
        await (await ChangeAsync(agency, $"/api/v1/contracts/{contractId}/deliveries/{Guid.NewGuid()}/acceptance",
            new { sampleSize = 10, measuredAccuracy = 0.99m })).ProblemAsync(404);
        await (await agency.GetAsync("/api/v1/contracts?status=bogus")).ProblemAsync(400);
        var page = await OkAsync(agency.GetAsync($"/api/v1/contracts/{contractId}"));
        Assert.Equal("submitted", page.GetProperty("deliveries")[0].GetProperty("status").GetString());
    }
}

public sealed class AwardAndAcceptanceTests_Sqlite(SqliteApi api) : AwardAndAcceptanceTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AwardAndAcceptanceTests_PostgreSql(PostgreSqlApi api) : AwardAndAcceptanceTests(api), IClassFixture<PostgreSqlApi>;
