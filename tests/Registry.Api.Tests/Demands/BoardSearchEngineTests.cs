using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Catalog;
using Registry.Domain.Demands;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// The board's search index and the database answer every board search the same: the same total and the same demands in the
/// same order, by deadline and by budget, on each provider, over the demo demands and 3,000 generated ones; by relevance (each
/// engine scores its own way) the same total and set. And the index follows every change of a demand's board fields at once,
/// including those its contract makes.
/// </summary>
public abstract class BoardSearchEngineTests(RegistryApi api) : IAsyncLifetime
{
    private const int Seed = 43;
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        if (await ScaleSeed.IsSeededAsync(connection, Seed)) return;
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, new ScaleSizes(300, 0, 3_000, 6_000, Seed, AsOf), n => n, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_index_and_the_database_give_the_same_totals_and_pages_by_deadline_and_by_budget()
    {
        var (db, index) = await EnginesAsync();
        var baseId = await db.ScalarAsync<Guid?>(new Sql("select preferred_base_id from demands where preferred_base_id is not null order by id"), null, default);
        Assert.NotNull(baseId);
        var searches = BoardSearchCases.All(api.Services.GetRequiredService<SearchSynonyms>(), baseId.Value, AsOf).ToList();
        var nonEmpty = 0;
        foreach (var c in searches)
        {
            var expected = await BoardDatabaseSearch.SearchAsync(db, c, default);
            var actual = await BoardIndexSearch.SearchAsync(db, index, c, default);
            Assert.True(Json(expected) == Json(actual), $"{Describe(c)}\ndatabase: {Ids(expected)}\nindex:    {Ids(actual)}");
            if (expected.Items.Count > 0) nonEmpty++;
        }
        // The comparison is not of empty answers: most searches find demands, and the board holds the generated ones.
        Assert.True(nonEmpty > searches.Count * 3 / 4, $"{nonEmpty} of {searches.Count} searches found demands");
        var board = await BoardIndexSearch.SearchAsync(db, index, BoardSearchCases.Criteria(api.Services.GetRequiredService<SearchSynonyms>(),
            status: DemandStatus.All.Where(s => s != DemandStatus.Draft).ToArray()), default);
        Assert.True(board.Total >= 3_000, $"{board.Total} demands on the board");
    }

    [Theory]
    [InlineData("病理 宫颈")]
    [InlineData("肺结节 良恶性")]
    [InlineData("问诊 方言")]
    public async Task By_relevance_the_index_finds_the_same_demands_with_the_same_total(string q)
    {
        var (db, index) = await EnginesAsync();
        var c = BoardSearchCases.Criteria(api.Services.GetRequiredService<SearchSynonyms>(), q: q, order: BoardOrder.Relevance, pageSize: 100,
            status: DemandStatus.All.Where(s => s != DemandStatus.Draft).ToArray());
        var expected = await BoardDatabaseSearch.SearchAsync(db, c, default);
        var actual = await BoardIndexSearch.SearchAsync(db, index, c, default);
        Assert.InRange(expected.Total, 1, 100);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Items.Select(i => i.Id).Order(), actual.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task The_index_follows_publication_amendment_closing_award_and_delivery_at_once()
    {
        await EnginesAsync();
        var word = "榕城" + Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await DemandArrange.PublishedAsync(api, word + "路面病害图像标注");
        Assert.Equal([id], await FoundAsync($"q={word}"));

        // Amended: the new description's words are found, and the new budget ceiling filters and orders.
        var agency = await api.ClientAsAsync("cd.health");
        var added = "鹭岛" + Guid.NewGuid().ToString("N")[..6];
        var amended = await agency.PostIfMatchAsync($"/api/v1/demands/{id}/amendments",
            new { reason = "补充采集地点并提高预算", description = $"{added}市区道路的路面病害图像标注。", budgetCeiling = 9_876_543.21m });
        Assert.True(amended.IsSuccessStatusCode, await amended.Content.ReadAsStringAsync());
        Assert.Equal([id], await FoundAsync($"q={added}"));
        Assert.Equal([id], await FoundAsync($"q={word}&minBudget=9876543.21"));
        Assert.Empty(await FoundAsync($"q={word}&minBudget=9876543.22"));

        // A contract moves its demand: awarded, then in delivery with the first delivery (an event about the delivery).
        var awarded = "蓉城" + Guid.NewGuid().ToString("N")[..6];
        var (contract, enterprise) = await DemandArrange.ContractAsync(api, awarded + "隧道裂缝视频标注");
        var demand = Assert.Single(await FoundAsync($"q={awarded}&status=awarded"));
        Assert.Empty(await FoundAsync($"q={awarded}&status=open&status=evaluating"));
        var delivered = await enterprise.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries",
            new { description = "第一批", quantity = 100, manifestSha256 = new string('a', 64) });
        Assert.True(delivered.IsSuccessStatusCode, await delivered.Content.ReadAsStringAsync());
        Assert.Equal([demand], await FoundAsync($"q={awarded}&status=in_delivery"));
        Assert.Empty(await FoundAsync($"q={awarded}&status=awarded"));

        // And after all of it the two engines still agree on every status.
        var (db, index) = await EnginesAsync();
        foreach (var status in DemandStatus.All.Where(s => s != DemandStatus.Draft))
        {
            var c = BoardSearchCases.Criteria(api.Services.GetRequiredService<SearchSynonyms>(), status: [status], pageSize: 100);
            Assert.Equal(Json(await BoardDatabaseSearch.SearchAsync(db, c, default)), Json(await BoardIndexSearch.SearchAsync(db, index, c, default)));
        }
    }

    private async Task<List<Guid>> FoundAsync(string query) =>
        (await (await api.CreateClient().GetAsync("/api/v1/demands?pageSize=100&" + query)).SucceededJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    /// <summary>A read session and the host's board index, loaded and caught up.</summary>
    private async Task<(IReadDb Db, IBoardSearchIndex Index)> EnginesAsync()
    {
        Assert.True(await api.Services.GetRequiredService<BoardSearchFeed>().CatchUpAsync(load: true, default));
        var index = api.Services.GetRequiredService<IBoardSearchIndex>();
        Assert.True(index.Loaded);
        return (api.Services.CreateScope().ServiceProvider.GetRequiredService<IReadDb>(), index);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Ids(Page<DemandView> page) => $"total {page.Total}: " + string.Join(", ", page.Items.Select(i => i.Id));

    private static string Describe(BoardCriteria c) => JsonSerializer.Serialize(c with { Scope = RegionScope.Everything }) + " scope " + c.Scope;
}

public sealed class BoardSearchEngineTests_Sqlite(SqliteApi api) : BoardSearchEngineTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BoardSearchEngineTests_PostgreSql(PostgreSqlApi api) : BoardSearchEngineTests(api), IClassFixture<PostgreSqlApi>;

/// <summary>The board searches the engine comparison runs: every filter alone, keywords, combinations, both orders, pages.</summary>
public static class BoardSearchCases
{
    private static readonly IReadOnlyList<string> None = [];

    public static BoardCriteria Criteria(SearchSynonyms synonyms, string? q = null, string[]? status = null, string[]? domain = null,
        string[]? modality = null, string? region = null, Guid? baseId = null, decimal? minBudget = null, decimal? maxBudget = null,
        DateTimeOffset? deadlineFrom = null, DateTimeOffset? deadlineTo = null, BoardOrder order = BoardOrder.Deadline, int page = 1, int pageSize = 20)
    {
        var terms = synonyms.Expand(q);
        return new BoardCriteria(terms, status ?? [DemandStatus.Open], domain ?? None, modality ?? None, RegionScope.Filter(region), baseId, minBudget,
            maxBudget, deadlineFrom, deadlineTo, order, (page - 1) * pageSize, pageSize);
    }

    public static IEnumerable<BoardCriteria> All(SearchSynonyms synonyms, Guid baseId, DateTimeOffset asOf)
    {
        string[] published = [.. DemandStatus.All.Where(s => s != DemandStatus.Draft)];
        IEnumerable<BoardCriteria> Both(string? q = null, string[]? status = null, string[]? domain = null, string[]? modality = null, string? region = null,
            Guid? baseId = null, decimal? minBudget = null, decimal? maxBudget = null, DateTimeOffset? deadlineFrom = null, DateTimeOffset? deadlineTo = null,
            int page = 1, int pageSize = 20) =>
        [
            Criteria(synonyms, q, status, domain, modality, region, baseId, minBudget, maxBudget, deadlineFrom, deadlineTo, BoardOrder.Deadline, page, pageSize),
            Criteria(synonyms, q, status, domain, modality, region, baseId, minBudget, maxBudget, deadlineFrom, deadlineTo, BoardOrder.Budget, page, pageSize),
        ];

        return
        [
            .. Both(),
            .. Both(page: 3),
            .. Both(page: 10, pageSize: 100),
            .. Both(page: 400),
            .. published.SelectMany(s => Both(status: [s])),
            .. Both(status: published, page: 2),
            .. Both(status: ["evaluating", "unsuccessful"]),
            .. Both(q: "标注"),
            .. Both(q: "标注", status: published, page: 7),
            .. Both(q: "病理"),
            .. Both(q: "交通 视频"),
            .. Both(q: "医疗"),
            .. Both(q: "标记", status: published),
            .. Both(q: "不存在的词语组合"),
            .. Both(domain: ["healthcare"]),
            .. Both(domain: ["healthcare", "transport"], status: published),
            .. Both(modality: ["image"]),
            .. Both(modality: ["video", "text"]),
            .. Both(region: "510000"),
            .. Both(region: "510100", status: published),
            .. Both(region: "000000"),
            .. Both(region: "650100"),
            .. Both(baseId: baseId, status: published),
            .. Both(baseId: Guid.Empty),
            .. Both(minBudget: 100_000m),
            .. Both(maxBudget: 50_000.5m, status: published),
            .. Both(minBudget: 20_000.005m, maxBudget: 400_000m),
            .. Both(minBudget: 1e20m),
            .. Both(deadlineFrom: asOf.AddDays(10)),
            .. Both(deadlineTo: asOf.AddDays(5), status: published),
            .. Both(deadlineFrom: asOf.AddDays(-200), deadlineTo: asOf.AddDays(-30), status: published),
            .. Both(q: "标注", domain: ["healthcare"], modality: ["image"]),
            .. Both(q: "交通", region: "510000", minBudget: 50_000m, status: published),
            .. Both(domain: ["healthcare", "finance"], modality: ["text", "image"], region: "510000", page: 2),
            .. Both(q: "数据", baseId: baseId, status: published),
        ];
    }
}
