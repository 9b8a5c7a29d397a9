using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common.Projections;
using Registry.Application.Inbox;

namespace Registry.Api.Tests.Challenges;

/// <summary>
/// Challenges (质疑) and complaints (投诉) over HTTP: a bidder challenges the terms or the result, the agency answers, the challenger
/// complains to the regulators of the demand's region, who suspend the procurement (no closing, evaluation, award or delivery) and
/// decide; only the parties and those regulators see any of it.
/// </summary>
public abstract class ChallengeTests(RegistryApi api)
{
    private static async Task<JsonElement> ChallengeAsync(HttpClient enterprise, Guid demand, string kind = "terms") =>
        await (await enterprise.PostAsync($"/api/v1/demands/{demand}/challenges",
            JsonBody.Of(new { kind, grounds = "评分标准中的“本地团队”要求排斥外地供应商。", evidence = "采购文件第3.2条" }))).SucceededJsonAsync();

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static Guid ComplaintId(JsonElement e) => e.GetProperty("complaint").GetProperty("id").GetGuid();

    private async Task CloseDueAsync() =>
        (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).EnsureSuccessStatusCode();

    private async Task<string> StatusAsync(Guid demand) =>
        (await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync()).GetProperty("status").GetString()!;

    private async Task<List<JsonElement>> InboxAsync(HttpClient client, Guid challenge)
    {
        await api.Services.GetRequiredService<Projector>().CatchUpAsync(InboxProjection.ProjectionName, default);
        var page = await (await client.GetAsync("/api/v1/inbox?pageSize=100")).SucceededJsonAsync();
        return page.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("subjectId").GetString() == challenge.ToString()).ToList();
    }

    [Fact]
    public async Task A_terms_challenge_is_answered_taken_to_a_complaint_and_a_suspension_holds_the_closing_until_the_decision()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "质疑文件测试需求");
        var bidder = await DemandArrange.BidderAsync(api);
        (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).EnsureSuccessStatusCode();
        var challenger = await DemandArrange.BidderAsync(api, certified: false);
        var filed = await ChallengeAsync(challenger, demand);
        var challenge = Id(filed);
        Assert.Equal("filed", filed.GetProperty("status").GetString());
        Assert.EndsWith("(UTC+08:00)", filed.GetProperty("answerDueChina").GetString(), StringComparison.Ordinal);

        var agency = await api.ClientAsAsync("cd.health");
        var seen = Assert.Single((await (await agency.GetAsync($"/api/v1/demands/{demand}/challenges")).SucceededJsonAsync()).EnumerateArray());
        Assert.Equal(challenge, Id(seen));
        // Sealed bidding: nothing the agency reads about a terms challenge tells whether anyone bid.
        Assert.DoesNotContain("bid", seen.ToString(), StringComparison.OrdinalIgnoreCase);

        var early = await (await challenger.PostAsync($"/api/v1/challenges/{challenge}/complaint", JsonBody.Of(new { grounds = "未答复" }))).ProblemAsync(422);
        Assert.Equal("answer_pending", early.GetProperty("code").GetString());

        var answered = await (await agency.PostAsync($"/api/v1/challenges/{challenge}/answer",
            JsonBody.Of(new { answer = "该要求用于保障现场驻场，不构成排斥。", upheld = false }))).SucceededJsonAsync();
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.False(answered.GetProperty("upheld").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await agency.PostAsync($"/api/v1/challenges/{challenge}/answer",
            JsonBody.Of(new { answer = "再答", upheld = true }))).StatusCode);

        var complained = await (await challenger.PostAsync($"/api/v1/challenges/{challenge}/complaint",
            JsonBody.Of(new { grounds = "答复未说明驻场必要性。" }))).SucceededJsonAsync();
        Assert.Equal("complained", complained.GetProperty("status").GetString());
        Assert.Equal("open", complained.GetProperty("complaint").GetProperty("status").GetString());
        var complaint = ComplaintId(complained);

        var elsewhere = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsync($"/api/v1/complaints/{complaint}/suspend", JsonBody.Of(new { reason = "越权" }))).StatusCode);
        var regulator = await api.ClientAsAsync("sichuan");
        var suspended = await (await regulator.PostAsync($"/api/v1/complaints/{complaint}/suspend",
            JsonBody.Of(new { reason = "投诉处理期间暂停采购活动。" }))).SucceededJsonAsync();
        Assert.Equal("suspended", suspended.GetProperty("complaint").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await regulator.PostAsync($"/api/v1/complaints/{complaint}/suspend", JsonBody.Of(new { reason = "再次" }))).StatusCode);

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await CloseDueAsync();
        Assert.Equal("open", await StatusAsync(demand));

        var decided = await (await regulator.PostAsync($"/api/v1/complaints/{complaint}/decision",
            JsonBody.Of(new { upheld = false, reasoning = "驻场要求与项目保密要求相关，投诉不成立。" }))).SucceededJsonAsync();
        Assert.Equal("dismissed", decided.GetProperty("complaint").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("complaint").GetProperty("redoRequired").ValueKind);
        await CloseDueAsync();
        Assert.Equal("evaluating", await StatusAsync(demand));

        Assert.Contains(await InboxAsync(agency, challenge), n => n.GetProperty("kind").GetString() == "challenge_filed");
        var notices = await InboxAsync(challenger, challenge);
        Assert.Contains(notices, n => n.GetProperty("kind").GetString() == "challenge_answered");
        Assert.Contains(notices, n => n.GetProperty("kind").GetString() == "complaint_decided");
    }

    [Fact]
    public async Task Only_the_challenger_the_agency_and_the_regulators_of_the_region_see_a_challenge()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "质疑可见性测试需求");
        var challenger = await DemandArrange.BidderAsync(api, certified: false);
        var challenge = Id(await ChallengeAsync(challenger, demand));

        foreach (var reader in new[] { challenger, await api.ClientAsAsync("cd.health"), await api.ClientAsAsync("sichuan") })
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/challenges/{challenge}")).StatusCode);
        var other = await DemandArrange.BidderAsync(api, certified: false);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/challenges/{challenge}")).StatusCode);
        Assert.Empty((await (await other.GetAsync($"/api/v1/demands/{demand}/challenges")).SucceededJsonAsync()).EnumerateArray());
        var otherAgency = await api.ClientAsAsync("hf.transport");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/api/v1/challenges/{challenge}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/api/v1/demands/{demand}/challenges")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.PostAsync($"/api/v1/challenges/{challenge}/answer",
            JsonBody.Of(new { answer = "代答", upheld = true }))).StatusCode);
        var elsewhere = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/challenges/{challenge}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/challenges")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/challenges/{challenge}/complaint", JsonBody.Of(new { grounds = "冒名" }))).StatusCode);
        await (await challenger.PostAsync($"/api/v1/demands/{demand}/challenges", JsonBody.Of(new { kind = "rumour", grounds = "x" }))).ProblemAsync(400);
    }

    [Fact]
    public async Task An_overdue_answer_raises_one_alert_and_a_suspension_blocks_evaluation_and_award_until_an_upheld_decision_lifts_it()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "质疑暂停评标测试需求");
        var bidder = await DemandArrange.BidderAsync(api);
        (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).EnsureSuccessStatusCode();
        var challenge = Id(await ChallengeAsync(bidder, demand));
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await CloseDueAsync();
        Assert.Equal("evaluating", await StatusAsync(demand));

        await DemandArrange.BackdateAsync(api, "update demand_challenges set answer_due = @due where id = @id",
            new { id = challenge, due = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var admin = await api.ClientAsAsync("admin");
        Assert.True((await (await admin.PostAsync("/api/v1/admin/jobs/challenge-deadlines", JsonBody.Of(new { }))).SucceededJsonAsync()).GetInt32() >= 1);
        Assert.Equal(0, (await (await admin.PostAsync("/api/v1/admin/jobs/challenge-deadlines", JsonBody.Of(new { }))).SucceededJsonAsync()).GetInt32());

        var complaint = ComplaintId(await (await bidder.PostAsync($"/api/v1/challenges/{challenge}/complaint",
            JsonBody.Of(new { grounds = "逾期未答复。" }))).SucceededJsonAsync());
        var regulator = await api.ClientAsAsync("sichuan");
        (await regulator.PostAsync($"/api/v1/complaints/{complaint}/suspend", JsonBody.Of(new { reason = "暂停评标。" }))).EnsureSuccessStatusCode();

        var agency = await api.ClientAsAsync("cd.health");
        var blocked = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).ProblemAsync(422);
        Assert.Equal("demand_suspended", blocked.GetProperty("code").GetString());

        var decided = await (await regulator.PostAsync($"/api/v1/complaints/{complaint}/decision",
            JsonBody.Of(new { upheld = true, reasoning = "采购人未依法答复，投诉成立。" }))).SucceededJsonAsync();
        Assert.Equal("terms", decided.GetProperty("complaint").GetProperty("redoRequired").GetString());
        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid();

        // A second complaint, on a result challenge, suspends the contract's steps.
        (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId })).EnsureSuccessStatusCode();
        var result = Id(await ChallengeAsync(bidder, demand, "result"));
        await DemandArrange.BackdateAsync(api, "update demand_challenges set answer_due = @due where id = @id",
            new { id = result, due = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var second = ComplaintId(await (await bidder.PostAsync($"/api/v1/challenges/{result}/complaint",
            JsonBody.Of(new { grounds = "评审不公。" }))).SucceededJsonAsync());
        (await regulator.PostAsync($"/api/v1/complaints/{second}/suspend", JsonBody.Of(new { reason = "暂停履约。" }))).EnsureSuccessStatusCode();
        var contract = (await (await agency.GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync()).GetProperty("contractId").GetGuid();
        var delivery = await (await bidder.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries",
            new { description = "全部标注结果", quantity = 100, manifestSha256 = new string('e', 64) })).ProblemAsync(422);
        Assert.Equal("demand_suspended", delivery.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Only_a_bidder_whose_bid_was_opened_challenges_the_result_and_only_within_the_publicity_period_named_in_China_time()
    {
        var (contract, winner) = await DemandArrange.PendingContractAsync(api, "质疑结果测试需求");
        var demand = (await (await winner.GetAsync($"/api/v1/contracts/{contract}")).SucceededJsonAsync()).GetProperty("demandId").GetGuid();

        var stranger = await DemandArrange.BidderAsync(api, certified: false);
        var refused = await (await stranger.PostAsync($"/api/v1/demands/{demand}/challenges",
            JsonBody.Of(new { kind = "result", grounds = "结果不公。" }))).ProblemAsync(422);
        Assert.Equal("not_a_bidder", refused.GetProperty("code").GetString());
        var terms = await (await stranger.PostAsync($"/api/v1/demands/{demand}/challenges",
            JsonBody.Of(new { kind = "terms", grounds = "文件不公。" }))).ProblemAsync(422);
        Assert.Equal("challenge_period_over", terms.GetProperty("code").GetString());

        Assert.Equal("result", (await ChallengeAsync(winner, demand, "result")).GetProperty("kind").GetString());
        await DemandArrange.BackdateAsync(api, "update contracts set awarded_at = @at where id = @id",
            new { id = contract, at = DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(-1) });
        var late = await (await winner.PostAsync($"/api/v1/demands/{demand}/challenges",
            JsonBody.Of(new { kind = "result", grounds = "再次质疑。" }))).ProblemAsync(422);
        Assert.Equal("challenge_period_over", late.GetProperty("code").GetString());
        Assert.Contains("(UTC+08:00)", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspension_ends_by_itself_after_its_thirty_days_even_while_the_complaint_is_undecided()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "暂停期限测试需求");
        var challenger = await DemandArrange.BidderAsync(api);
        var challenge = Id(await ChallengeAsync(challenger, demand));
        await DemandArrange.BackdateAsync(api, "update demand_challenges set answer_due = @due where id = @id",
            new { id = challenge, due = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var complaint = ComplaintId(await (await challenger.PostAsync($"/api/v1/challenges/{challenge}/complaint",
            JsonBody.Of(new { grounds = "逾期未答复。" }))).SucceededJsonAsync());
        (await (await api.ClientAsAsync("sichuan")).PostAsync($"/api/v1/complaints/{complaint}/suspend", JsonBody.Of(new { reason = "暂停。" })))
            .EnsureSuccessStatusCode();
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });

        await CloseDueAsync();
        Assert.Equal("open", await StatusAsync(demand));
        var held = await (await (await api.ClientAsAsync("cd.health")).PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { })))
            .ProblemAsync(422);
        Assert.Contains("at the latest on", held.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("(UTC+08:00)", held.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Thirty days later the complaint is still undecided, but the procurement goes on.
        await DemandArrange.BackdateAsync(api, "update demands set suspended_until = @until where id = @id",
            new { id = demand, until = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await CloseDueAsync();
        Assert.NotEqual("open", await StatusAsync(demand));
    }

    private async Task<JsonElement> OverviewDisputesAsync()
    {
        await api.Services.GetRequiredService<Projector>().CatchUpAsync(
            Registry.Application.Statistics.Projections.RegionActivityProjection.ProjectionName, default);
        var overview = await (await (await api.ClientAsAsync("sichuan")).GetAsync("/api/v1/statistics/overview?region=510100")).SucceededJsonAsync();
        return overview.GetProperty("disputes");
    }

    private static long Figure(JsonElement disputes, string name) => disputes.GetProperty(name).GetInt64();

    [Fact]
    public async Task An_open_result_challenge_holds_the_signature_and_upheld_it_annuls_the_unsigned_contract_for_a_new_award()
    {
        var before = await OverviewDisputesAsync();
        var (contract, winner) = await DemandArrange.PendingContractAsync(api, "结果质疑撤销授标");
        var agency = await api.ClientAsAsync("cd.health");
        var demand = (await (await agency.GetAsync($"/api/v1/contracts/{contract}")).SucceededJsonAsync()).GetProperty("demandId").GetGuid();
        var challenge = Id(await ChallengeAsync(winner, demand, "result"));

        await DemandArrange.PassPublicityAsync(api, contract);
        var held = await (await agency.PostIfMatchAsync($"/api/v1/contracts/{contract}/signature", new { })).ProblemAsync(422);
        Assert.Equal("result_challenge_open", held.GetProperty("code").GetString());

        (await agency.PostAsync($"/api/v1/challenges/{challenge}/answer",
            JsonBody.Of(new { answer = "经复核，评分有误，质疑成立。", upheld = true }))).EnsureSuccessStatusCode();
        var annulled = await (await agency.GetAsync($"/api/v1/contracts/{contract}")).SucceededJsonAsync();
        Assert.Equal("annulled", annulled.GetProperty("status").GetString());
        Assert.Null(annulled.GetProperty("signedAt").GetString());
        Assert.Equal("evaluating", await StatusAsync(demand));
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/result")).StatusCode);
        var mine = await (await winner.GetAsync("/api/v1/bids/mine?pageSize=100")).SucceededJsonAsync();
        Assert.Equal("eligible", mine.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("demandId").GetGuid() == demand)
            .GetProperty("status").GetString());
        await (await agency.PostIfMatchAsync($"/api/v1/contracts/{contract}/signature", new { })).ProblemAsync(409);

        // The agency evaluates and awards again: a new contract, pending its own publicity, then signed.
        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var again = await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award",
            new { bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid() })).SucceededJsonAsync();
        var renewed = again.GetProperty("id").GetGuid();
        Assert.NotEqual(contract, renewed);
        Assert.NotEqual(annulled.GetProperty("number").GetString(), again.GetProperty("number").GetString());
        Assert.Equal(renewed, (await (await agency.GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync()).GetProperty("contractId").GetGuid());
        await DemandArrange.PassPublicityAsync(api, renewed);
        Assert.Equal("active", (await (await agency.PostIfMatchAsync($"/api/v1/contracts/{renewed}/signature", new { })).SucceededJsonAsync())
            .GetProperty("status").GetString());

        // Statistics count the challenge and the annulment, and the award once, not twice.
        var after = await OverviewDisputesAsync();
        Assert.Equal(Figure(before, "challengesFiled") + 1, Figure(after, "challengesFiled"));
        Assert.Equal(Figure(before, "awardsAnnulled") + 1, Figure(after, "awardsAnnulled"));
        Assert.Contains(await InboxAsync(winner, demand), n => n.GetProperty("kind").GetString() == "award_annulled");
    }

    [Fact]
    public async Task A_complaint_about_the_result_upheld_by_the_regulators_annuls_the_unsigned_contract_and_is_counted()
    {
        var before = await OverviewDisputesAsync();
        var (contract, winner) = await DemandArrange.PendingContractAsync(api, "结果投诉撤销授标");
        var agency = await api.ClientAsAsync("cd.health");
        var demand = (await (await agency.GetAsync($"/api/v1/contracts/{contract}")).SucceededJsonAsync()).GetProperty("demandId").GetGuid();
        var challenge = Id(await ChallengeAsync(winner, demand, "result"));
        (await agency.PostAsync($"/api/v1/challenges/{challenge}/answer", JsonBody.Of(new { answer = "评审无误。", upheld = false }))).EnsureSuccessStatusCode();
        var complaint = ComplaintId(await (await winner.PostAsync($"/api/v1/challenges/{challenge}/complaint",
            JsonBody.Of(new { grounds = "评分违反采购文件。" }))).SucceededJsonAsync());

        var regulator = await api.ClientAsAsync("sichuan");
        (await regulator.PostAsync($"/api/v1/complaints/{complaint}/decision",
            JsonBody.Of(new { upheld = true, reasoning = "评分违反采购文件第5条，投诉成立。" }))).EnsureSuccessStatusCode();

        Assert.Equal("annulled", (await (await agency.GetAsync($"/api/v1/contracts/{contract}")).SucceededJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("evaluating", await StatusAsync(demand));
        var after = await OverviewDisputesAsync();
        Assert.Equal(Figure(before, "complaintsFiled") + 1, Figure(after, "complaintsFiled"));
        Assert.Equal(Figure(before, "complaintsUpheld") + 1, Figure(after, "complaintsUpheld"));
        Assert.Equal(Figure(before, "awardsAnnulled") + 1, Figure(after, "awardsAnnulled"));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ChallengeTests_Sqlite(SqliteApi api) : ChallengeTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ChallengeTests_PostgreSql(PostgreSqlApi api) : ChallengeTests(api), IClassFixture<PostgreSqlApi>;
