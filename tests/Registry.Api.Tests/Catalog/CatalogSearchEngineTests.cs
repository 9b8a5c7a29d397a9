using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Catalog;
using Registry.Application.Common;
using Registry.Domain.Catalog;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Catalog;

/// <summary>
/// The search index and the database answer every catalog search the same: the same total, the same three facets and the
/// same entries in the same newest-first order, on each provider, over the demo catalog and 3,000 generated entries; for
/// the relevance order (which each engine scores its own way) the same total, facets and set of entries. And the index
/// follows writes at once: a published entry is found by the next search, a withdrawn one is gone.
/// </summary>
public abstract class CatalogSearchEngineTests(RegistryApi api) : IAsyncLifetime
{
    private const int Seed = 31;

    public async Task InitializeAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        if (await ScaleSeed.IsSeededAsync(connection, Seed)) return;
        await Registry.Api.Hosting.DemoCatalog.SeedAsync(api.Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, new ScaleSizes(0, 3_000, 0, 0, Seed, new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero)),
            n => n, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private CatalogCriteria Criteria(string? q = null, bool relevance = false, int pageSize = 20) =>
        CatalogSearchCases.Criteria(api.Services.GetRequiredService<SearchSynonyms>(), q: q, relevance: relevance, pageSize: pageSize);

    private IEnumerable<CatalogCriteria> Searches(Guid agency) => CatalogSearchCases.All(api.Services.GetRequiredService<SearchSynonyms>(), agency);

    [Fact]
    public async Task The_index_and_the_database_give_the_same_totals_facets_and_pages_newest_first()
    {
        var (db, index) = await EnginesAsync();
        var agency = (await CatalogDatabaseSearch.SearchAsync(db, Criteria(), default)).Items[0].AgencyId;
        var compared = 0;
        foreach (var c in Searches(agency))
        {
            var expected = await CatalogDatabaseSearch.SearchAsync(db, c, default);
            var actual = await CatalogIndexSearch.SearchAsync(db, index, c, default);
            Assert.True(Json(expected) == Json(actual), $"{Describe(c)}\ndatabase: {Json(expected)}\nindex:    {Json(actual)}");
            compared++;
        }
        Assert.Equal(Searches(agency).Count(), compared);
        // The comparison is not of two empty answers.
        Assert.True((await CatalogIndexSearch.SearchAsync(db, index, Criteria(), default)).Total > 3_000);
    }

    [Theory]
    [InlineData("肺结节")]
    [InlineData("交通 视频")]
    [InlineData("医疗影像")]
    [InlineData("乐山 数字病理")]
    public async Task By_relevance_the_index_finds_the_same_entries_with_the_same_total_and_facets(string q)
    {
        var (db, index) = await EnginesAsync();
        var c = Criteria(q: q, relevance: true, pageSize: 100);
        var expected = await CatalogDatabaseSearch.SearchAsync(db, c, default);
        var actual = await CatalogIndexSearch.SearchAsync(db, index, c, default);
        Assert.InRange(expected.Total, 1, 100);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(Json(expected.Facets), Json(actual.Facets));
        Assert.Equal(expected.Items.Select(i => i.Id).Order(), actual.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task A_published_entry_is_found_by_the_next_search_and_a_withdrawn_one_is_gone()
    {
        await EnginesAsync();
        var client = api.CreateClient();
        var word = "鹭岛" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(0, await TotalAsync(client, word));
        var id = await CatalogArrange.PublishedAsync(api, "cd.health", word + "港口集装箱图像标注", "transport", "510100", ["image"]);
        Assert.Equal(1, await TotalAsync(client, word));
        var agency = await api.ClientAsAsync("cd.health");
        var withdrawn = await agency.PostAsync($"/api/v1/catalog/{id}/withdraw", JsonBody.Of(new { reason = "数据源停止更新" }));
        Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync());
        Assert.Equal(0, await TotalAsync(client, word));
    }

    private static async Task<int> TotalAsync(HttpClient client, string q) =>
        (await (await client.GetAsync("/api/v1/catalog?q=" + Uri.EscapeDataString(q))).JsonAsync()).GetProperty("total").GetInt32();

    /// <summary>A read session and the host's index, loaded and caught up.</summary>
    private async Task<(IReadDb Db, ICatalogSearchIndex Index)> EnginesAsync()
    {
        Assert.True(await api.Services.GetRequiredService<CatalogSearchFeed>().CatchUpAsync(load: true, default));
        var index = api.Services.GetRequiredService<ICatalogSearchIndex>();
        Assert.True(index.Loaded);
        return (api.Services.CreateScope().ServiceProvider.GetRequiredService<IReadDb>(), index);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Describe(CatalogCriteria c) => JsonSerializer.Serialize(c with { Scope = RegionScope.Everything }) + " scope " + c.Scope;
}

public sealed class CatalogSearchEngineTests_Sqlite(SqliteApi api) : CatalogSearchEngineTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogSearchEngineTests_PostgreSql(PostgreSqlApi api) : CatalogSearchEngineTests(api), IClassFixture<PostgreSqlApi>;

/// <summary>The catalog searches the engine and provider comparisons run: every filter alone, full text, combinations, pages.</summary>
public static class CatalogSearchCases
{
    private static readonly IReadOnlyList<string> None = [];

    public static CatalogCriteria Criteria(SearchSynonyms synonyms, string? q = null, string[]? domain = null, string[]? modality = null, string[]? taskType = null,
        string[]? security = null, string[]? openness = null, string? region = null, Guid? agency = null, bool relevance = false, int page = 1,
        int pageSize = 20)
    {
        var terms = synonyms.Expand(q);
        return new CatalogCriteria(terms, domain ?? None, modality ?? None, taskType ?? None, security ?? None, openness ?? None,
            RegionScope.Filter(region), agency, relevance && terms.Count > 0, (page - 1) * pageSize, pageSize);
    }

    /// <summary>Every filter alone, with one and two values, full text (synonyms too), combinations, pages and the deep end.</summary>
    public static IEnumerable<CatalogCriteria> All(SearchSynonyms synonyms, Guid agency)
    {
        CatalogCriteria Criteria(string? q = null, string[]? domain = null, string[]? modality = null, string[]? taskType = null,
            string[]? security = null, string[]? openness = null, string? region = null, Guid? agency = null, int page = 1, int pageSize = 20) =>
            CatalogSearchCases.Criteria(synonyms, q, domain, modality, taskType, security, openness, region, agency, false, page, pageSize);

        return
    [
        Criteria(),
        Criteria(page: 2),
        Criteria(page: 20, pageSize: 100),
        Criteria(page: 500),
        Criteria(q: "标注"),
        Criteria(q: "病理"),
        Criteria(q: "病理切片"),
        Criteria(q: "交通 视频"),
        Criteria(q: "医疗影像"),
        Criteria(q: "标记", page: 3),
        Criteria(q: "乐山"),
        Criteria(q: "ct"),
        Criteria(q: "数据集", pageSize: 100, page: 2),
        Criteria(q: "不存在的词语组合"),
        Criteria(domain: ["healthcare"]),
        Criteria(domain: ["healthcare", "transport"]),
        Criteria(modality: ["image"]),
        Criteria(modality: ["audio", "video"]),
        Criteria(taskType: ["segmentation"]),
        Criteria(taskType: ["transcription", "classification"]),
        Criteria(security: ["important"]),
        Criteria(security: ["general", "core"]),
        Criteria(openness: ["conditional"]),
        Criteria(openness: ["open", "conditional"]),
        Criteria(region: "510000"),
        Criteria(region: "510100"),
        Criteria(region: "000000"),
        Criteria(region: "650100"),
        Criteria(agency: agency),
        Criteria(agency: Guid.Empty),
        Criteria(q: "标注", domain: ["healthcare"], modality: ["image"]),
        Criteria(q: "交通", region: "510000", security: ["general"]),
        Criteria(domain: ["healthcare", "finance"], modality: ["text"], openness: ["open"], page: 2),
        Criteria(q: "数据", agency: agency, taskType: ["segmentation"]),
        Criteria(region: "510000", domain: ["transport"], security: ["general", "important"], taskType: ["bounding_box", "segmentation"]),
    ];
    }

}
