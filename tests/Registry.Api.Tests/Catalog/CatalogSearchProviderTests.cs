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
/// SQLite and PostgreSQL answer the same catalog searches the same, on the same generated catalog (3,000 entries of one
/// seed): equal totals, facets and newest-first pages, through the database path and through the search index. (SQL
/// Server's statements are parsed by <c>SqlServerParseTests</c>.)
/// </summary>
[Trait("Provider", "PostgreSql")]
public sealed class CatalogSearchProviderTests(SqliteApi sqlite, PostgreSqlApi postgreSql) : IAsyncLifetime, IClassFixture<SqliteApi>, IClassFixture<PostgreSqlApi>
{
    private const int Seed = 33;

    public async Task InitializeAsync()
    {
        foreach (var api in new RegistryApi[] { sqlite, postgreSql })
        {
            await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
            if (await ScaleSeed.IsSeededAsync(connection, Seed)) continue;
            await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
            await ScaleSeed.RunAsync(writer, new ScaleSizes(0, 3_000, 0, 0, Seed, new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero)),
                n => n, new Progress<SeedProgress>(), default);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_databases_give_the_same_totals_facets_and_pages(bool index)
    {
        var left = await AnswersAsync(sqlite, index);
        var right = await AnswersAsync(postgreSql, index);
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++) Assert.True(left[i] == right[i], $"search {i}\nSQLite:     {left[i]}\nPostgreSQL: {right[i]}");
        // Not a comparison of empty answers: most searches find entries.
        Assert.True(left.Count(a => a.Contains("\"Items\":[{", StringComparison.Ordinal)) > left.Count / 2, string.Join("\n", left));
    }

    /// <summary>Each search's total, facets and page (entry id and code), as JSON, in the order of the cases.</summary>
    private static async Task<List<string>> AnswersAsync(RegistryApi api, bool index)
    {
        var synonyms = api.Services.GetRequiredService<SearchSynonyms>();
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IReadDb>();
        var searchIndex = api.Services.GetRequiredService<ICatalogSearchIndex>();
        if (index) Assert.True(await api.Services.GetRequiredService<CatalogSearchFeed>().CatchUpAsync(load: true, default));
        Task<CatalogSearchResult> Search(CatalogCriteria c) => index ? CatalogIndexSearch.SearchAsync(db, searchIndex, c, default) : CatalogDatabaseSearch.SearchAsync(db, c, default);
        var agency = (await Search(CatalogSearchCases.Criteria(synonyms))).Items[0].AgencyId;
        var answers = new List<string>();
        foreach (var c in CatalogSearchCases.All(synonyms, agency))
        {
            var r = await Search(c);
            answers.Add(JsonSerializer.Serialize(new { r.Total, r.Facets, Items = r.Items.Select(i => new { i.Id, i.Code }) }));
        }
        return answers;
    }
}
