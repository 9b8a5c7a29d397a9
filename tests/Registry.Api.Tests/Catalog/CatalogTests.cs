using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Catalog;

public abstract class CatalogTests(RegistryApi api)
{
    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await api.CreateClient().GetAsync("/api/v1/catalog?" + query);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static List<string> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Lifecycle_versions_and_ownership_over_HTTP()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var created = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(CatalogArrange.NewEntry("成都市胸部CT影像标注数据集")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdBody = await created.JsonAsync();
        var id = createdBody.GetProperty("id").GetGuid();
        Assert.Equal("draft", createdBody.GetProperty("status").GetString());

        await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}")).ProblemAsync(404);
        await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}/versions")).ProblemAsync(404);
        await (await (await api.ClientAsAsync("hf.transport")).PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }))).ProblemAsync(404);

        var published = await (await agency.PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }))).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("publishedVersion").GetInt32());
        await (await agency.PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }))).ProblemAsync(409);

        var read = await agency.GetAsync($"/api/v1/catalog/{id}");
        HttpRequestMessage Update(string title, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/catalog/{id}") { Content = JsonBody.Of(CatalogArrange.Content(title)) };
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            return request;
        }
        Assert.Equal("published", (await (await agency.SendAsync(Update("改", read.Headers.ETag!.Tag))).ProblemAsync(409)).GetProperty("currentState").GetString());
        await (await (await api.ClientAsAsync("hf.transport")).SendAsync(Update("改", read.Headers.ETag!.Tag))).ProblemAsync(403);

        var draft = await agency.PostAsync($"/api/v1/catalog/{id}/versions", JsonBody.Of(new { }));
        Assert.Equal(2, (await draft.JsonAsync()).GetProperty("draftVersion").GetInt32());
        var etag = (await agency.GetAsync($"/api/v1/catalog/{id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await agency.SendAsync(Update("成都市胸部CT影像标注数据集（2027版）", etag))).StatusCode);
        await (await agency.SendAsync(Update("过期的修改", etag))).ProblemAsync(412);
        Assert.Equal("成都市胸部CT影像标注数据集", (await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}")).JsonAsync())
            .GetProperty("content").GetProperty("title").GetString());

        await agency.PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }));
        var versions = (await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}/versions")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("成都市胸部CT影像标注数据集", versions[0].GetProperty("title").GetString());
        Assert.Contains("成都市胸部CT影像标注数据集（2027版）", Titles(await SearchAsync("q=" + Uri.EscapeDataString("胸部"))));

        var withdrawn = await (await agency.PostAsync($"/api/v1/catalog/{id}/withdraw", JsonBody.Of(new { reason = "数据源停止更新" }))).JsonAsync();
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.DoesNotContain("成都市胸部CT影像标注数据集（2027版）", Titles(await SearchAsync("q=" + Uri.EscapeDataString("胸部"))));
        Assert.Equal("数据源停止更新", (await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}")).JsonAsync()).GetProperty("withdrawnReason").GetString());

        await (await (await api.ClientAsAsync("shuyu")).PostAsync("/api/v1/catalog", JsonBody.Of(CatalogArrange.NewEntry("企业不能编目")))).ProblemAsync(403);
    }

    [Fact]
    public async Task Full_text_search_finds_a_Chinese_title_by_a_two_character_word_inside_it_and_facets_add_up()
    {
        await CatalogArrange.PublishedAsync(api, "cd.health", "数字病理切片标注", "healthcare", "510100", ["image"], "important");
        await CatalogArrange.PublishedAsync(api, "cd.health", "四川方言语音转写", "information_services", "510100", ["audio"]);
        await CatalogArrange.PublishedAsync(api, "hf.transport", "合肥市路口车辆轨迹标注", "transport", "340100", ["video", "image"]);
        await CatalogArrange.DraftAsync(api, "hf.transport", "病理草稿不公开", region: "340100");

        Assert.Equal(["数字病理切片标注"], Titles(await SearchAsync("q=" + Uri.EscapeDataString("病理"))));
        Assert.Equal(["数字病理切片标注"], Titles(await SearchAsync("q=" + Uri.EscapeDataString("切片标注"))));
        Assert.Empty(Titles(await SearchAsync("q=" + Uri.EscapeDataString("病语"))));
        Assert.Equal(["四川方言语音转写"], Titles(await SearchAsync("q=" + Uri.EscapeDataString("方言") + "&region=510000")));
        Assert.Equal(["合肥市路口车辆轨迹标注"], Titles(await SearchAsync("modality=video")));
        Assert.Equal(["合肥市路口车辆轨迹标注"], Titles(await SearchAsync("region=340000")));
        Assert.Equal(["数字病理切片标注"], Titles(await SearchAsync("securityLevel=important")));

        var all = await SearchAsync("pageSize=100");
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total >= 3);
        var facets = all.GetProperty("facets");
        Assert.Equal(total, facets.GetProperty("domains").EnumerateArray().Sum(f => f.GetProperty("count").GetInt32()));
        Assert.Equal(total, facets.GetProperty("securityLevels").EnumerateArray().Sum(f => f.GetProperty("count").GetInt32()));
        var image = facets.GetProperty("modalities").EnumerateArray().Single(f => f.GetProperty("value").GetString() == "image").GetProperty("count").GetInt32();
        Assert.Equal(image, (await SearchAsync("modality=image")).GetProperty("total").GetInt32());

        var filtered = await SearchAsync("region=510000");
        Assert.Equal(filtered.GetProperty("total").GetInt32(),
            filtered.GetProperty("facets").GetProperty("domains").EnumerateArray().Sum(f => f.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Invalid_entries_and_filters_are_field_errors()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var problem = await (await agency.PostAsync("/api/v1/catalog", JsonBody.Of(new
        {
            code = "bad code!", title = "", description = "x", domain = "astrology", modalities = new[] { "smell" }, taskTypes = Array.Empty<string>(),
            volume = -1, volumeUnit = "bushels", securityLevel = "secret", openness = "conditional", regionCode = "51", sourceSystem = "s",
            updateFrequency = "sometimes", contact = "c",
        }))).ProblemAsync(400);
        foreach (var field in new[] { "code", "title", "domain", "modalities[0]", "taskTypes", "volume", "volumeUnit", "securityLevel", "opennessConditions", "regionCode", "updateFrequency" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} missing from {problem.GetProperty("errors")}");

        await (await api.CreateClient().GetAsync("/api/v1/catalog?domain=astrology&pageSize=0")).ProblemAsync(400);
    }
}

public sealed class CatalogTests_Sqlite(SqliteApi api) : CatalogTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogTests_PostgreSql(PostgreSqlApi api) : CatalogTests(api), IClassFixture<PostgreSqlApi>;
