using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Catalog;

/// <summary>
/// An anonymous caller cannot make the database score a whole catalog: a relevance order over more matches than
/// <see cref="SearchLimits.RankableMatches"/> is refused (422, in the caller's language) on the catalog and the board, while
/// the newest-first and deadline orders, which read an index, still answer.
/// </summary>
public abstract class SearchLimitTests(RegistryApi api) : IAsyncLifetime
{
    private const int Rows = SearchLimits.RankableMatches + 1_000; // about 98% of generated entries contain 标注

    public async Task InitializeAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        if (await ScaleSeed.IsSeededAsync(connection, 21)) return;
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<Registry.Infrastructure.Database.DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, new ScaleSizes(0, Rows, Rows, 0, 21, DateTimeOffset.UtcNow.AddHours(-1)), n => n, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // 标注 is in every generated title: the catalog's (…标注数据集) and the board's (…标注服务采购).
    private const string Everywhere = "%E6%A0%87%E6%B3%A8";
    private const string AllStatuses = "status=open&status=evaluating&status=unsuccessful&status=cancelled";

    [Theory]
    [InlineData("/api/v1/catalog?q=" + Everywhere)]
    [InlineData("/api/v1/demands?q=" + Everywhere + "&" + AllStatuses)]
    public async Task Relevance_over_too_many_matches_is_refused_and_the_date_order_still_answers(string search)
    {
        var client = api.CreateClient();
        var dated = await (await client.GetAsync(search)).SucceededJsonAsync();
        Assert.True(dated.GetProperty("total").GetInt32() > SearchLimits.RankableMatches, dated.GetProperty("total").ToString());

        var refused = await (await client.GetAsync(search + "&sort=relevance")).ProblemAsync(422);
        Assert.Equal("relevance_too_broad", refused.GetProperty("code").GetString());
        Assert.Contains("10,000", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var chinese = new HttpRequestMessage(HttpMethod.Get, search + "&sort=relevance");
        chinese.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var zh = await (await client.SendAsync(chinese)).ProblemAsync(422);
        Assert.Contains("按相关度排序最多排列 10,000 条", zh.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relevance_over_a_narrower_search_answers()
    {
        var narrowed = await (await api.CreateClient().GetAsync($"/api/v1/catalog?q={Everywhere}&domain=healthcare&securityLevel=core&sort=relevance")).SucceededJsonAsync();
        Assert.InRange(narrowed.GetProperty("total").GetInt32(), 1, SearchLimits.RankableMatches);
    }
}

public sealed class SearchLimitTests_Sqlite(SqliteApi api) : SearchLimitTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SearchLimitTests_PostgreSql(PostgreSqlApi api) : SearchLimitTests(api), IClassFixture<PostgreSqlApi>;
