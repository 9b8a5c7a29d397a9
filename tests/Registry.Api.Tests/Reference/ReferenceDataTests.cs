using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Reference;

public abstract class ReferenceDataTests(RegistryApi api)
{
    private readonly HttpClient _client = api.CreateClient();

    // 519900 is well formed (Sichuan's pair, a city's shape) but names no city: every filter used to answer it with an empty page.
    [Theory]
    [InlineData("/api/v1/enterprises?region=519900")]
    [InlineData("/api/v1/enterprises/talent?region=519900")]
    [InlineData("/api/v1/bases?region=519900")]
    [InlineData("/api/v1/catalog?region=519900")]
    [InlineData("/api/v1/demands?region=519900")]
    [InlineData("/api/v1/organizations?region=519900")]
    public async Task An_unknown_region_is_refused_with_the_same_message_by_every_filter(string query)
    {
        var admin = await api.ClientAsAsync("admin");
        var problem = await (await admin.GetAsync(query)).ProblemAsync(400);

        Assert.Equal("Unknown region code 519900.", problem.GetProperty("errors").GetProperty("region")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_region_is_refused_with_the_same_message_wherever_an_item_is_placed()
    {
        var admin = await api.ClientAsAsync("admin");
        var organization = await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "未知地区机构", kind = "agency", regionCode = "519900", creditCode = TestCreditCodes.Next("11510100MB"),
        }));
        var baseBody = new { code = "unknown-region", nameZh = "未知地区基地", level = "provincial", regionCode = "519900", focusDomains = Array.Empty<string>() };
        var demand = await (await api.ClientAsAsync("cd.health")).PostAsync("/api/v1/demands", JsonBody.Of(Demands.DemandArrange.Demand("未知地区需求", region: "519900")));
        var entry = await (await api.ClientAsAsync("cd.health")).PostAsync("/api/v1/catalog",
            JsonBody.Of(Catalog.CatalogArrange.NewEntry("未知地区目录", region: "519900")));

        foreach (var refused in new[] { organization, await admin.PostAsync("/api/v1/bases", JsonBody.Of(baseBody)), demand, entry })
            Assert.Equal("Unknown region code 519900.", (await refused.ProblemAsync(400)).GetProperty("errors").GetProperty("regionCode")[0].GetString());
        Assert.Equal(0, (await (await admin.GetAsync("/api/v1/organizations?search=" + Uri.EscapeDataString("未知地区机构"))).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Chengdu_is_a_city_of_Sichuan()
    {
        var region = await (await _client.GetAsync("/api/v1/reference/regions/510100")).JsonAsync();

        Assert.Equal("成都市", region.GetProperty("nameZh").GetString());
        Assert.Equal("city", region.GetProperty("level").GetString());
        Assert.Equal("510000", region.GetProperty("parentCode").GetString());
        Assert.Equal("四川省", region.GetProperty("parentNameZh").GetString());
    }

    [Fact]
    public async Task The_children_of_a_province_are_its_cities()
    {
        var response = await _client.GetAsync("/api/v1/reference/regions?parent=510000");
        var cities = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(cities.Count >= 18, $"Sichuan has 21 prefecture-level divisions, got {cities.Count}");
        Assert.All(cities, c => Assert.Equal("510000", c.GetProperty("parentCode").GetString()));
        Assert.Contains(cities, c => c.GetProperty("code").GetString() == "510100");
    }

    [Fact]
    public async Task There_are_31_province_level_divisions_with_English_names()
    {
        var provinces = (await (await _client.GetAsync("/api/v1/reference/regions?level=province")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(31, provinces.Count);
        Assert.All(provinces, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("nameEn").GetString())));
        Assert.Contains(provinces, p => p.GetProperty("nameZh").GetString() == "安徽省" && p.GetProperty("code").GetString() == "340000");
    }

    [Fact]
    public async Task An_unknown_region_is_a_404_problem()
    {
        var problem = await (await _client.GetAsync("/api/v1/reference/regions/519900")).ProblemAsync(404);
        Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());

        await (await _client.GetAsync("/api/v1/reference/regions?parent=710000")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_malformed_region_code_is_a_400_problem_naming_the_field()
    {
        var problem = await (await _client.GetAsync("/api/v1/reference/regions?parent=51&level=county")).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("parent", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("level", out _), errors.ToString());
        Assert.Equal("/problems/validation-failed", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("domains", "autonomous_driving", 17)]
    [InlineData("modalities", "point_cloud", 7)]
    [InlineData("task-types", "preference_ranking", 15)]
    [InlineData("security-levels", "core", 3)]
    [InlineData("skill-levels", "level_1", 5)]
    [InlineData("openness", "conditional", 3)]
    public async Task Each_reference_list_is_served_in_Chinese_and_English(string list, string someCode, int count)
    {
        var items = (await (await _client.GetAsync($"/api/v1/reference/{list}")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(count, items.Count);
        Assert.Contains(items, i => i.GetProperty("code").GetString() == someCode);
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameZh").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameEn").GetString()));
        });
    }

    [Fact]
    public async Task Skill_levels_follow_the_AI_trainer_occupation_from_junior_to_senior_technician()
    {
        var items = (await (await _client.GetAsync("/api/v1/reference/skill-levels")).JsonAsync()).EnumerateArray()
            .Select(i => i.GetProperty("code").GetString()).ToList();

        Assert.Equal(["level_5", "level_4", "level_3", "level_2", "level_1"], items);
    }
}

public sealed class ReferenceDataTests_Sqlite(SqliteApi api) : ReferenceDataTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ReferenceDataTests_PostgreSql(PostgreSqlApi api) : ReferenceDataTests(api), IClassFixture<PostgreSqlApi>;
