using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// Bidders' questions (询问) over HTTP: an enterprise asks, the agency answers without learning who asked, everyone reads the
/// answer as a clarification, the regulators see the asker; the question period closes before the deadline.
/// </summary>
public abstract class QuestionTests(RegistryApi api)
{
    private static async Task<JsonElement> AskAsync(HttpClient enterprise, Guid demand, string question)
    {
        var asked = await enterprise.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question }));
        return await asked.SucceededJsonAsync();
    }

    [Fact]
    public async Task The_agency_answers_a_question_without_learning_the_asker_and_everyone_reads_the_answer_without_the_asker()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "询问测试需求");
        var asker = await DemandArrange.BidderAsync(api, certified: false);
        var asked = await AskAsync(asker, demand, "我公司（蜀语智标）想确认：标注框是否需要包含被遮挡部分？");
        Assert.Equal("open", asked.GetProperty("status").GetString());

        var agency = await api.ClientAsAsync("cd.health");
        var seen = (await (await agency.GetAsync($"/api/v1/demands/{demand}/questions")).SucceededJsonAsync())[0];
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("enterpriseId").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("enterpriseName").ValueKind);

        var answered = await (await agency.PostAsync($"/api/v1/demands/{demand}/questions/{asked.GetProperty("id").GetGuid()}/answer",
            JsonBody.Of(new { answer = "需要，按可见轮廓外推完整目标框。", publishedQuestion = "标注框是否需要包含被遮挡部分？" }))).SucceededJsonAsync();
        Assert.Equal("answered", answered.GetProperty("status").GetString());

        var clarifications = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/clarifications")).SucceededJsonAsync();
        var published = Assert.Single(clarifications.EnumerateArray());
        Assert.Equal("标注框是否需要包含被遮挡部分？", published.GetProperty("question").GetString());
        Assert.Equal("需要，按可见轮廓外推完整目标框。", published.GetProperty("answer").GetString());
        Assert.DoesNotContain("蜀语", clarifications.ToString(), StringComparison.Ordinal);

        var mine = (await (await asker.GetAsync($"/api/v1/demands/{demand}/questions")).SucceededJsonAsync())[0];
        Assert.Equal("需要，按可见轮廓外推完整目标框。", mine.GetProperty("answer").GetString());
        var regulator = (await (await (await api.ClientAsAsync("sichuan")).GetAsync($"/api/v1/demands/{demand}/questions")).SucceededJsonAsync())[0];
        Assert.NotEqual(JsonValueKind.Null, regulator.GetProperty("enterpriseId").ValueKind);
        Assert.Empty((await (await (await DemandArrange.BidderAsync(api, certified: false)).GetAsync($"/api/v1/demands/{demand}/questions")).SucceededJsonAsync())
            .EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.ClientAsAsync("hf.transport")).GetAsync($"/api/v1/demands/{demand}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/questions")).StatusCode);

        var again = await agency.PostAsync($"/api/v1/demands/{demand}/questions/{asked.GetProperty("id").GetGuid()}/answer", JsonBody.Of(new { answer = "再答一次" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single((await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}/clarifications")).SucceededJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_question_after_the_question_period_began_is_refused_naming_the_China_time_it_closed_and_one_after_the_deadline_is_a_409()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "询问期测试需求");
        var asker = await DemandArrange.BidderAsync(api, certified: false);
        var early = await AskAsync(asker, demand, "开始前提问");
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddDays(2) });

        var late = await (await asker.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question = "询问期后提问" }))).ProblemAsync(422);
        Assert.Equal("question_period_over", late.GetProperty("code").GetString());
        Assert.Contains("(UTC+08:00)", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The agency may still answer what was asked in time, while bidding is open.
        var agency = await api.ClientAsAsync("cd.health");
        var answered = await agency.PostAsync($"/api/v1/demands/{demand}/questions/{early.GetProperty("id").GetGuid()}/answer", JsonBody.Of(new { answer = "可以。" }));
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.Conflict, (await asker.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question = "截止后提问" }))).StatusCode);
    }

    [Fact]
    public async Task Only_an_enterprise_asks_only_the_demands_agency_answers_and_one_enterprise_cannot_flood_a_demand_with_questions()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "询问权限测试需求");
        var asker = await DemandArrange.BidderAsync(api, certified: false);
        var question = await AskAsync(asker, demand, "权限测试提问");
        var id = question.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsAsync("cd.health")).PostAsync($"/api/v1/demands/{demand}/questions",
            JsonBody.Of(new { question = "机构自问" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PostAsync($"/api/v1/demands/{demand}/questions/{id}/answer", JsonBody.Of(new { answer = "自答" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsAsync("hf.transport")).PostAsync($"/api/v1/demands/{demand}/questions/{id}/answer",
            JsonBody.Of(new { answer = "他人代答" }))).StatusCode);
        await (await asker.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question = "" }))).ProblemAsync(400);

        for (var i = 1; i < 10; i++) await AskAsync(asker, demand, "连续提问 " + i);
        var flood = await (await asker.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question = "第十一问" }))).ProblemAsync(422);
        Assert.Equal("too_many_questions", flood.GetProperty("code").GetString());
        // Another enterprise still asks.
        await AskAsync(await DemandArrange.BidderAsync(api, certified: false), demand, "另一企业提问");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class QuestionTests_Sqlite(SqliteApi api) : QuestionTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class QuestionTests_PostgreSql(PostgreSqlApi api) : QuestionTests(api), IClassFixture<PostgreSqlApi>;
