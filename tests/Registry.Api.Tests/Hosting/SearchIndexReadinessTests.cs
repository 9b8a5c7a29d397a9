using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Catalog;
using Registry.Application.Demands;
using Registry.Infrastructure.Search;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// Readiness says which search index an instance is still loading (the database answers its searches meanwhile): degraded, not
/// down, until both the catalog's and the board's are loaded.
/// </summary>
public sealed class SearchIndexReadinessTests
{
    [Fact]
    public async Task The_check_is_degraded_and_names_each_index_until_it_has_loaded()
    {
        using var catalog = new LuceneCatalogSearchIndex(null);
        using var board = new LuceneBoardSearchIndex(null);
        var check = new SearchIndexHealthCheck(catalog, board);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, before.Status);
        Assert.Contains("demand board and catalog search indexes are loading", before.Description, StringComparison.Ordinal);

        await board.LoadAsync(AsyncEnumerable.Empty<BoardIndexDocument>(), 7, default);
        var half = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, half.Status);
        Assert.Contains("the catalog search index is loading", half.Description, StringComparison.Ordinal);
        Assert.Equal(7L, half.Data["boardSequence"]);

        await catalog.LoadAsync(AsyncEnumerable.Empty<CatalogIndexDocument>(), 9, default);
        var after = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(9L, after.Data["catalogSequence"]);
    }
}

/// <summary>The check is part of <c>/health/ready</c> wherever the instance feeds its own indexes (the projector loop on).</summary>
public abstract class SearchIndexReadinessHostTests(RegistryApi api)
{
    [Fact]
    public async Task An_instance_that_feeds_its_indexes_reports_them_in_readiness_and_turns_healthy_once_loaded()
    {
        await using var host = api.WithWebHostBuilder(b => b.UseSetting("Projections:Enabled", "true"));
        var client = host.CreateClient();

        JsonElement check = default;
        for (var round = 0; round < 400; round++)
        {
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // loading is degraded, never unavailable
            check = (await ready.JsonAsync()).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "search-indexes");
            if (check.GetProperty("status").GetString() == "Healthy") break;
            await Task.Delay(50);
        }
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.StartsWith("catalog ", check.GetProperty("description").GetString(), StringComparison.Ordinal);

        // Without the loop (the default test host) the first search loads its index: there is nothing to wait for.
        var plain = await (await api.CreateClient().GetAsync("/health/ready")).JsonAsync();
        Assert.DoesNotContain(plain.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "search-indexes");
    }
}

public sealed class SearchIndexReadinessHostTests_Sqlite(SqliteApi api) : SearchIndexReadinessHostTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SearchIndexReadinessHostTests_PostgreSql(PostgreSqlApi api) : SearchIndexReadinessHostTests(api), IClassFixture<PostgreSqlApi>;
