using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Application.Catalog;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// <c>seed-scale</c> writes rows the application itself would have written: the directory rows are what the application's own
/// projections make of the write tables, the searches find them, the demands' states agree with their bids, and a seed always
/// gives the same rows.
/// </summary>
public abstract class ScaleSeedTests(RegistryApi api) : IAsyncLifetime
{
    private static readonly ScaleSizes Sizes = new(Enterprises: 300, Catalog: 1_200, Demands: 300, Bids: 2_000, Seed: 7,
        AsOf: new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await using var connection = await OpenAsync();
        if (await ScaleSeed.IsSeededAsync(connection, Sizes.Seed)) return;
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, Sizes, number => "ocds-test-" + number, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DbConnection> OpenAsync() => await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);

    [Fact]
    public async Task Seeded_directory_rows_are_what_the_applications_own_projections_make_of_the_write_tables()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<WriteSession>();
        await session.BeginAsync(default);
        var enterprises = (await session.QueryAsync<Guid>(new Sql(
            "select p.organization_id from enterprise_profiles p join organizations o on o.id = p.organization_id where o.contact_email like '%@seed7.example.cn' order by p.organization_id"),
            null, default)).Take(40).ToList();
        var entries = (await session.QueryAsync<Guid>(new Sql("select entry_id from catalog_directory where code like '%-S7-%' order by entry_id"), null, default))
            .Take(40).ToList();
        var demands = (await session.QueryAsync<Guid>(new Sql("select id from demands where ocid like 'ocds-test-%' order by id"), null, default)).Take(40).ToList();
        Assert.Equal(40, enterprises.Count);
        Assert.Equal(40, entries.Count);

        var seededEnterprises = await RowsAsync(session, "enterprise_directory", "enterprise_id", enterprises);
        var seededEntries = await RowsAsync(session, "catalog_directory", "entry_id", entries);
        var seededModalities = await ChildRowsAsync(session, "catalog_directory_modalities", "modality", entries);
        var seededTaskTypes = await ChildRowsAsync(session, "catalog_directory_task_types", "task_type", entries);
        var seededTerms = await ColumnAsync(session, "demands", "terms", demands);
        var seededBoardHits = await BoardHitsAsync(session, "标注");
        var seededHits = await session.ScalarAsync<long>(new Sql(d => $"select count(*) from catalog_directory d where d.code like '%-S7-%' and {d.FullTextMatch("catalog_search", "d.search_rowid", "d.terms")}"),
            new { fullText = session.Dialect.FullTextQuery(Registry.Domain.Catalog.SearchSynonyms.None.Expand("病理")) }, default);

        long rebuiltHits;
        try
        {
            var projection = scope.ServiceProvider.GetRequiredService<EnterpriseProjection>();
            foreach (var id in enterprises) await projection.RefreshAsync(id, default);
            foreach (var id in entries) await CatalogProjection.PublishAsync(session, id, default);
            foreach (var id in demands) await Registry.Application.Demands.DemandSearchIndex.WriteAsync(session, id, default);

            // Only when the rows were rebuilt and the full-text row key are allowed to differ.
            Assert.Equal(Without(seededEnterprises, "updated_at"), Without(await RowsAsync(session, "enterprise_directory", "enterprise_id", enterprises), "updated_at"));
            Assert.Equal(Without(seededEntries, "search_rowid"), Without(await RowsAsync(session, "catalog_directory", "entry_id", entries), "search_rowid"));
            Assert.Equal(seededModalities, await ChildRowsAsync(session, "catalog_directory_modalities", "modality", entries));
            Assert.Equal(seededTaskTypes, await ChildRowsAsync(session, "catalog_directory_task_types", "task_type", entries));
            Assert.Equal(seededTerms, await ColumnAsync(session, "demands", "terms", demands));
            Assert.Equal(seededBoardHits, await BoardHitsAsync(session, "标注"));
            rebuiltHits = await session.ScalarAsync<long>(new Sql(d => $"select count(*) from catalog_directory d where d.code like '%-S7-%' and {d.FullTextMatch("catalog_search", "d.search_rowid", "d.terms")}"),
                new { fullText = session.Dialect.FullTextQuery(Registry.Domain.Catalog.SearchSynonyms.None.Expand("病理")) }, default);
        }
        finally
        {
            await session.RollbackAsync();
        }
        Assert.Equal(seededHits, rebuiltHits);
        Assert.True(seededHits > 0, "no seeded entry is about 病理");
    }

    [Fact]
    public async Task Seeded_demands_are_in_the_state_their_bids_put_them_in()
    {
        await using var connection = await OpenAsync();
        var demands = (await connection.QueryAsync<(string Status, long Minimum, long Eligible, long Live, long Opened, long Bids)>("""
            select d.status, d.minimum_eligible_bids,
                (select count(*) from bids b where b.demand_id = d.id and b.status = 'eligible'),
                (select count(*) from bids b where b.demand_id = d.id and b.status = 'live'),
                (select count(*) from bids b where b.demand_id = d.id and b.status in ('eligible', 'ineligible')),
                (select count(*) from bids b where b.demand_id = d.id)
            from demands d where d.ocid like 'ocds-test-%'
            """)).ToList();

        Assert.Equal(Sizes.Demands, demands.Count);
        Assert.Equal(Sizes.Bids, demands.Sum(d => d.Bids));
        Assert.All(demands.Where(d => d.Status == "open"), d => Assert.Equal(d.Bids, d.Live));
        Assert.All(demands.Where(d => d.Status == "evaluating"), d => Assert.True(d.Eligible >= d.Minimum && d.Opened == d.Bids));
        Assert.All(demands.Where(d => d.Status == "unsuccessful"), d => Assert.True(d.Eligible < d.Minimum && d.Opened == d.Bids));
        Assert.All(demands.Where(d => d.Status == "cancelled"), d => Assert.Equal(0, d.Bids));
        foreach (var status in new[] { "open", "evaluating", "unsuccessful", "cancelled" }) Assert.Contains(demands, d => d.Status == status);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from demands where ocid like 'ocds-test-%' and number not like 'XQ-____-______'"));
    }

    [Fact]
    public async Task The_searches_find_seeded_rows_like_any_other()
    {
        var client = api.CreateClient();
        var catalog = await (await client.GetAsync("/api/v1/catalog?q=%E7%97%85%E7%90%86&domain=healthcare&pageSize=5")).JsonAsync();
        Assert.True(catalog.GetProperty("total").GetInt32() > 5, catalog.ToString());
        var entry = catalog.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/catalog/{entry}")).StatusCode);

        await using var connection = await OpenAsync();
        var withSegmentation = await connection.ExecuteScalarAsync<long>(
            "select count(distinct enterprise_id) from enterprise_capabilities where task_type = 'segmentation'");
        var directory = await (await client.GetAsync("/api/v1/enterprises?taskType=segmentation&pageSize=5")).JsonAsync();
        Assert.Equal(withSegmentation, directory.GetProperty("total").GetInt64());
        var enterprise = directory.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/enterprises/{enterprise}")).StatusCode);

        var open = await connection.ExecuteScalarAsync<long>("select count(*) from demands where status = 'open'");
        var board = await (await client.GetAsync("/api/v1/demands?pageSize=5")).JsonAsync();
        Assert.Equal(open, board.GetProperty("total").GetInt64());
        var demand = board.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/demands/{demand}")).StatusCode);
    }

    [Fact]
    public async Task A_seed_gives_the_same_rows_every_time_and_another_seed_other_rows()
    {
        var first = await FingerprintAsync(Sizes with { Seed = 11 });
        Assert.Equal(first, await FingerprintAsync(Sizes with { Seed = 11 }));
        Assert.NotEqual(first, await FingerprintAsync(Sizes with { Seed = 12 }));
    }

    [Fact]
    public async Task The_same_seed_is_not_written_twice()
    {
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ScaleSeed.RunAsync(writer, Sizes, n => n, new Progress<SeedProgress>(), default));
        Assert.Contains("already holds the data of seed 7", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--demands x", "--demands takes a whole number.")]
    [InlineData("--bids 10 --demands 0", "--bids needs --demands and --enterprises")]
    [InlineData("--seed 1000", "--seed is 1 to 999")]
    [InlineData("--catalog -5", "--catalog takes a whole number.")]
    public void The_verb_refuses_sizes_it_cannot_seed(string arguments, string problem)
    {
        var (sizes, _, error) = ScaleSeedVerb.Parse(arguments.Split(' '), DateTimeOffset.UtcNow);
        Assert.Null(sizes);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verb_passes_other_arguments_to_the_host_and_anchors_time_at_the_start_of_the_China_day()
    {
        var (sizes, rest, error) = ScaleSeedVerb.Parse(["--catalog", "5000", "--urls", "http://127.0.0.1:5099"], new DateTimeOffset(2026, 12, 2, 17, 30, 0, TimeSpan.Zero));
        Assert.Null(error);
        Assert.Equal(new ScaleSizes(100_000, 5_000, 100_000, 1_000_000, 1, new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero)), sizes);
        Assert.Equal(["--urls", "http://127.0.0.1:5099"], rest);
    }

    /// <summary>A hash of every row a seed generates, taken by a writer that writes nothing.</summary>
    private async Task<string> FingerprintAsync(ScaleSizes sizes)
    {
        await using var connection = await OpenAsync();
        var writer = new Fingerprint(connection, api.Services.GetRequiredService<DatabaseOptions>().Provider);
        await ScaleSeed.RunAsync(writer, sizes, n => n, new Progress<SeedProgress>(), default);
        return Convert.ToHexString(writer.Hash.GetHashAndReset());
    }

    private sealed class Fingerprint(DbConnection connection, DatabaseProvider provider) : BulkWriter(connection, provider)
    {
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override Task WriteAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            foreach (var row in rows) Hash.AppendData(Encoding.UTF8.GetBytes(table + "|" + string.Join("|", row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
            return Task.CompletedTask;
        }

        public override Task AnalyzeAsync(CancellationToken ct) => Task.CompletedTask;
    }

    private static async Task<List<string>> RowsAsync(WriteSession session, string table, string key, List<Guid> ids)
    {
        var rows = new List<string>();
        foreach (var id in ids)
        {
            var row = (IDictionary<string, object?>)(await session.QueryAsync<dynamic>(new Sql($"select * from {table} where {key} = @id"), new { id }, default)).Single();
            rows.Add(string.Join("|", row.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + Normal(c.Value))));
        }
        return rows;
    }

    private static async Task<List<string>> ColumnAsync(WriteSession session, string table, string column, List<Guid> ids)
    {
        var values = new List<string>();
        foreach (var id in ids) values.Add(await session.ScalarAsync<string>(new Sql($"select {column} from {table} where id = @id"), new { id }, default) ?? "");
        return values;
    }

    private static async Task<long> BoardHitsAsync(WriteSession session, string word) =>
        await session.ScalarAsync<long>(new Sql(d => $"select count(*) from demands d where d.ocid like 'ocds-test-%' and {d.FullTextMatch("demand_search", "d.search_rowid", "d.terms")}"),
            new { fullText = session.Dialect.FullTextQuery(Registry.Domain.Catalog.SearchSynonyms.None.Expand(word)) }, default);

    private static async Task<List<string>> ChildRowsAsync(WriteSession session, string table, string column, List<Guid> ids)
    {
        var rows = new List<string>();
        foreach (var id in ids)
            rows.Add(id + ":" + string.Join(",", await session.QueryAsync<string>(new Sql($"select {column} from {table} where entry_id = @id order by {column}"), new { id }, default)));
        return rows;
    }

    private static string Normal(object? value) => value switch
    {
        null or DBNull => "null",
        decimal d => d.ToString("0.########", System.Globalization.CultureInfo.InvariantCulture),
        double d => ((decimal)d).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture),
        long or int or short => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static List<string> Without(List<string> rows, string column) =>
        rows.Select(r => string.Join("|", r.Split('|').Where(c => !c.StartsWith(column + "=", StringComparison.Ordinal)))).ToList();
}

public sealed class ScaleSeedTests_Sqlite(SqliteApi api) : ScaleSeedTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ScaleSeedTests_PostgreSql(PostgreSqlApi api) : ScaleSeedTests(api), IClassFixture<PostgreSqlApi>;
