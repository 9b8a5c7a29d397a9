using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common.Projections;
using Registry.Application.Inbox;

namespace Registry.Api.Tests.Inbox;

/// <summary>
/// Each organization's inbox over HTTP: notices projected from the outbox for the organizations an event concerns, and for
/// no one else; read and unread; filtered by kind. The test host runs the projector on demand.
/// </summary>
public abstract class InboxTests(RegistryApi api)
{
    private async Task<List<JsonElement>> InboxAsync(HttpClient client, string query = "")
    {
        await api.Services.GetRequiredService<Projector>().CatchUpAsync(InboxProjection.ProjectionName, default);
        var page = await (await client.GetAsync("/api/v1/inbox?pageSize=100" + query)).SucceededJsonAsync();
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static IEnumerable<JsonElement> About(IEnumerable<JsonElement> notices, Guid demand) =>
        notices.Where(n => n.GetProperty("subjectId").GetString() == demand.ToString());

    [Fact]
    public async Task An_invited_enterprise_finds_the_invitation_in_its_inbox_marks_it_read_and_no_one_else_can()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "收件箱邀请测试");
        var (invitee, inviteeId) = await Enterprises.EnterpriseArrange.RegisteredAsync(api);
        var invited = await (await api.ClientAsAsync("cd.health")).PostAsync($"/api/v1/demands/{demand}/invitations",
            JsonBody.Of(new { enterpriseIds = new[] { inviteeId } }));
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());

        var notice = Assert.Single(About(await InboxAsync(invitee, "&unread=true"), demand));
        Assert.Equal("invitation", notice.GetProperty("kind").GetString());
        Assert.Equal("邀请投标：收件箱邀请测试", notice.GetProperty("titleZh").GetString());
        Assert.Equal($"/api/v1/demands/{demand}", notice.GetProperty("link").GetString());
        Assert.Empty(About(await InboxAsync(await DemandArrange.BidderAsync(api, certified: false)), demand));

        var id = notice.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.ClientAsAsync("shuyu")).PostAsync($"/api/v1/inbox/{id}/read", null)).StatusCode);
        var read = await (await invitee.PostAsync($"/api/v1/inbox/{id}/read", null)).SucceededJsonAsync();
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        Assert.Empty(About(await InboxAsync(invitee, "&unread=true"), demand));
        Assert.Single(About(await InboxAsync(invitee, "&unread=false&kind=invitation"), demand));
    }

    [Fact]
    public async Task Closing_tells_the_agency_and_each_bidder_the_award_tells_each_bidder_its_result_and_the_regulators_get_the_alert()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "收件箱结果测试");
        var (first, second) = (await DemandArrange.BidderAsync(api), await DemandArrange.BidderAsync(api));
        Assert.True((await first.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 60000m)))).IsSuccessStatusCode);
        Assert.True((await second.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 95000m)))).IsSuccessStatusCode);
        var asker = await DemandArrange.BidderAsync(api, certified: false);
        var question = await (await asker.PostAsync($"/api/v1/demands/{demand}/questions", JsonBody.Of(new { question = "交付格式？" }))).SucceededJsonAsync();
        var agency = await api.ClientAsAsync("cd.health");
        await agency.PostAsync($"/api/v1/demands/{demand}/questions/{question.GetProperty("id").GetGuid()}/answer", JsonBody.Of(new { answer = "COCO JSON。" }));
        Assert.Equal(["question_answered"], About(await InboxAsync(asker), demand).Select(n => n.GetProperty("kind").GetString()));

        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        foreach (var party in new[] { agency, first, second })
            Assert.Equal(["demand_closed"], About(await InboxAsync(party, "&kind=demand_closed"), demand).Select(n => n.GetProperty("kind").GetString()));
        Assert.Empty(About(await InboxAsync(asker, "&kind=demand_closed"), demand));

        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var runnerUp = evaluation.GetProperty("bids")[1].GetProperty("bidId").GetGuid();
        var awarded = await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId = runnerUp, reason = "第一名团队规模不足以按期交付" });
        Assert.True(awarded.IsSuccessStatusCode, await awarded.Content.ReadAsStringAsync());

        var results = new[] { first, second }.Select(async b => About(await InboxAsync(b, "&kind=result"), demand).Single().GetProperty("titleZh").GetString()).ToList();
        var titles = await Task.WhenAll(results);
        Assert.Contains("中标通知：收件箱结果测试", titles);
        Assert.Contains("未中标（排名第1）：收件箱结果测试", titles);

        var alerts = (await InboxAsync(await api.ClientAsAsync("sichuan"), "&kind=alert_raised"))
            .Where(n => n.GetProperty("titleZh").GetString() == "风险预警：未授予排名第一的投标").ToList();
        Assert.NotEmpty(alerts);
        var alert = alerts[0].GetProperty("subjectId").GetString();
        Assert.Contains(await InboxAsync(await api.ClientAsAsync("nda"), "&kind=alert_raised"), n => n.GetProperty("subjectId").GetString() == alert);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        Assert.DoesNotContain(await InboxAsync(anhui, "&kind=alert_raised"), n => n.GetProperty("subjectId").GetString() == alert);
    }

    [Fact]
    public async Task An_unknown_kind_is_a_400_and_the_inbox_needs_a_token()
    {
        var problem = await (await (await api.ClientAsAsync("shuyu")).GetAsync("/api/v1/inbox?kind=spam")).ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/v1/inbox")).StatusCode);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class InboxTests_Sqlite(SqliteApi api) : InboxTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class InboxTests_PostgreSql(PostgreSqlApi api) : InboxTests(api), IClassFixture<PostgreSqlApi>;
