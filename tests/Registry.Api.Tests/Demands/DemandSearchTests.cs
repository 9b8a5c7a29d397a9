using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// The demand board's keyword search and list filters: every keyword must appear in the number, title or description; a repeated
/// parameter matches any of its values, separate filters all match.
/// </summary>
public abstract class DemandSearchTests(RegistryApi api)
{
    private async Task<Guid> PublishedInAsync(string domain, string modality)
    {
        var client = await api.ClientAsAsync("cd.health");
        var body = JsonSerializer.SerializeToNode(DemandArrange.Demand($"看板{domain}{modality}"), RegistryApi.Json)!;
        body["domain"] = domain;
        body["modality"] = modality;
        var created = await client.PostAsync("/api/v1/demands", JsonBody.Of(body));
        var json = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetGuid();
        var published = await client.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<(Guid Id, string Number)> PublishedAsync(string title, string description, int deadlineInDays = 20)
    {
        var client = await api.ClientAsAsync("cd.health");
        var body = JsonSerializer.SerializeToNode(DemandArrange.Demand(title), RegistryApi.Json)!;
        body["description"] = description;
        body["bidDeadline"] = DateTimeOffset.UtcNow.AddDays(deadlineInDays);
        var created = await client.PostAsync("/api/v1/demands", JsonBody.Of(body));
        var json = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetGuid();
        var published = await client.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { });
        var view = await published.JsonAsync();
        Assert.True(published.IsSuccessStatusCode, view.ToString());
        return (id, view.GetProperty("number").GetString()!);
    }

    private static string Word() => "kw" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Keywords_find_published_demands_by_title_description_or_number_and_every_keyword_must_appear()
    {
        var (word, other) = (Word(), Word());
        var (pathology, number) = await PublishedAsync($"病理切片标注 {word}", $"宫颈细胞图像的分割标注，{other}。");
        var (traffic, _) = await PublishedAsync($"交通流视频标注 {word}", "城市道路视频的目标跟踪标注。");
        var draft = await (await (await api.ClientAsAsync("cd.health")).PostAsync("/api/v1/demands",
            JsonBody.Of(DemandArrange.Demand($"病理切片标注 {word} 草稿")))).JsonAsync();

        Assert.Equal([pathology, traffic], (await FoundAsync($"q={word}")).Order());
        Assert.Equal([pathology], await FoundAsync($"q={word}%20{other}"));
        Assert.Equal([pathology], await FoundAsync($"q={Uri.EscapeDataString("宫颈细胞 " + word)}"));
        Assert.Equal([traffic], await FoundAsync($"q={Uri.EscapeDataString("目标跟踪 " + word)}"));
        Assert.Equal([pathology], await FoundAsync($"q={Uri.EscapeDataString(number)}"));
        Assert.Empty(await FoundAsync($"q={word}%20{Word()}"));
        Assert.DoesNotContain(draft.GetProperty("id").GetGuid(), await FoundAsync($"q={word}&status=open&status=evaluating"));
        Assert.Empty(await FoundAsync($"q={word}&domain=finance"));
    }

    [Fact]
    public async Task Relevance_puts_the_closest_match_first_where_the_deadline_order_would_not()
    {
        var word = Word();
        var (wordy, _) = await PublishedAsync($"道路场景标注 {word}",
            "城市道路场景视频的多目标跟踪标注，覆盖白天、夜间、雨雪天气和隧道等场景，车辆、行人、非机动车与交通标志分别标注，"
            + "逐帧保持编号一致，遮挡与截断目标另行标记，并按抽检规范复核质量。", deadlineInDays: 15);
        var (close, _) = await PublishedAsync($"{word} 标注", "短文本。", deadlineInDays: 25);

        Assert.Equal([wordy, close], await FoundAsync($"q={word}&sort=deadline"));
        Assert.Equal([close, wordy], await FoundAsync($"q={word}&sort=relevance"));
    }

    [Fact]
    public async Task An_amended_description_is_searched_as_amended()
    {
        var (before, after) = (Word(), Word());
        var (id, _) = await PublishedAsync($"语音转写标注 {Word()}", $"会议录音转写，{before}。");
        var agency = await api.ClientAsAsync("cd.health");
        var amended = await agency.PostIfMatchAsync($"/api/v1/demands/{id}/amendments", new { reason = "补充说明", description = $"会议与访谈录音转写，{after}。" });
        Assert.True(amended.IsSuccessStatusCode, await amended.Content.ReadAsStringAsync());

        Assert.Equal([id], await FoundAsync($"q={after}"));
        Assert.Empty(await FoundAsync($"q={before}"));
    }

    [Fact]
    public async Task Relevance_without_keywords_and_an_overlong_query_are_refused_naming_the_field()
    {
        var relevance = await (await api.CreateClient().GetAsync("/api/v1/demands?sort=relevance")).ProblemAsync(400);
        Assert.True(relevance.GetProperty("errors").TryGetProperty("sort", out _), relevance.ToString());
        var longQuery = await (await api.CreateClient().GetAsync($"/api/v1/demands?q={new string('x', 500)}")).ProblemAsync(400);
        Assert.True(longQuery.GetProperty("errors").TryGetProperty("q", out _), longQuery.ToString());
    }

    private async Task<List<Guid>> FoundAsync(string query)
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/demands?{query}&pageSize=100");
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task Two_domains_or_modalities_find_the_demands_of_either_and_the_other_filters_still_apply()
    {
        var health = await PublishedInAsync("healthcare", "image");
        var transport = await PublishedInAsync("transport", "text");
        var finance = await PublishedInAsync("finance", "audio");

        var either = await FoundAsync("domain=healthcare&domain=transport");
        Assert.Contains(health, either);
        Assert.Contains(transport, either);
        Assert.DoesNotContain(finance, either);

        var byModality = await FoundAsync("modality=text&modality=audio");
        Assert.Equal([transport, finance], byModality.Where(id => id == health || id == transport || id == finance).Order());
        Assert.Equal([transport], await FoundAsync("domain=healthcare&domain=transport&modality=text&modality=audio"));
    }

    [Fact]
    public async Task Two_statuses_find_the_demands_in_either_and_the_board_shows_open_ones_by_default()
    {
        var (open, _) = await DemandArrange.PublishedAsync(api, "看板开放中");
        var (evaluating, _) = await DemandArrange.EvaluatingAsync(api, "看板评审中");

        Assert.Contains(open, await FoundAsync("status=open"));
        Assert.DoesNotContain(evaluating, await FoundAsync("status=open"));
        Assert.DoesNotContain(evaluating, await FoundAsync("region=510100"));
        var both = await FoundAsync("status=open&status=evaluating");
        Assert.Contains(open, both);
        Assert.Contains(evaluating, both);
    }

    [Fact]
    public async Task An_unknown_or_draft_status_in_a_list_is_named_by_its_position()
    {
        var problem = await (await api.CreateClient().GetAsync("/api/v1/demands?status=open&status=draft&modality=image&modality=smell")).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("status[1]", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("modality[1]", out _), problem.ToString());
        Assert.False(errors.TryGetProperty("status[0]", out _), problem.ToString());
    }
}

public sealed class DemandSearchTests_Sqlite(SqliteApi api) : DemandSearchTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class DemandSearchTests_PostgreSql(PostgreSqlApi api) : DemandSearchTests(api), IClassFixture<PostgreSqlApi>;
