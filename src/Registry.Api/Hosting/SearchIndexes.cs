using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Application.Catalog;
using Registry.Application.Common.Projections;
using Registry.Application.Common.Search;
using Registry.Application.Demands;
using Registry.Infrastructure.Search;

namespace Registry.Api.Hosting;

/// <summary>
/// The search indexes of the host (decision 0012), the catalog's and the demand board's: <c>Search:Engine</c> (<c>Index</c>, the
/// default, or <c>Database</c>), <c>Search:IndexFolder</c> (where this instance keeps them, in the subfolders <c>catalog</c> and
/// <c>board</c>; a temporary folder of their own when not set) and, where the projector runs (<c>Projections:Enabled</c>), the
/// loop that loads them at start and follows the outbox every poll interval; searches are answered by the database until an
/// index has loaded. Without the loop (tests, verbs) the first search loads its index. <c>Search:DirectoryGramNamesAtMost</c> tunes
/// the directory's name search (<see cref="SearchOptions.DirectoryGramNamesAtMost"/>).
/// </summary>
public static class SearchIndexes
{
    public static WebApplicationBuilder AddRegistrySearchIndexes(this WebApplicationBuilder builder)
    {
        var projector = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();
        var engine = builder.Configuration.GetValue("Search:Engine", SearchEngine.Index);
        var gramNames = builder.Configuration.GetValue("Search:DirectoryGramNamesAtMost", new SearchOptions().DirectoryGramNamesAtMost);
        if (gramNames < 0)
            throw new InvalidOperationException($"Search:DirectoryGramNamesAtMost is {gramNames}: it must be 0 (always read every name) or more.");
        builder.Services.AddSingleton(new SearchOptions { Engine = engine, LoadOnDemand = !projector.Enabled, DirectoryGramNamesAtMost = gramNames });
        var configured = builder.Configuration["Search:IndexFolder"];
        var folder = configured is null ? null : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<ICatalogSearchIndex>(_ => new LuceneCatalogSearchIndex(folder is null ? null : Path.Combine(folder, "catalog")));
        builder.Services.AddSingleton<IBoardSearchIndex>(_ => new LuceneBoardSearchIndex(folder is null ? null : Path.Combine(folder, "board")));
        if (projector.Enabled && engine == SearchEngine.Index)
        {
            builder.Services.AddHostedService<SearchIndexFeedService>();
            builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-indexes", tags: ["ready"]);
        }
        return builder;
    }
}

/// <summary>
/// Degraded while a search index of this instance is still loading (at national scale the catalog's takes minutes): its searches
/// are answered, by the database, only more slowly, so the instance stays ready (200) and says which index it is waiting for.
/// </summary>
internal sealed class SearchIndexHealthCheck(ICatalogSearchIndex catalog, IBoardSearchIndex board) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object>
        {
            ["catalogDocuments"] = catalog.Count, ["catalogSequence"] = catalog.Sequence,
            ["boardDocuments"] = board.Count, ["boardSequence"] = board.Sequence,
        };
        var loading = new List<string>();
        if (!board.Loaded) loading.Add("demand board");
        if (!catalog.Loaded) loading.Add("catalog");
        return Task.FromResult(loading.Count == 0
            ? HealthCheckResult.Healthy($"catalog {catalog.Count} documents, demand board {board.Count}", data)
            : HealthCheckResult.Degraded($"the {string.Join(" and ", loading)} search index{(loading.Count > 1 ? "es are" : " is")} loading: " +
                "the database answers those searches meanwhile, more slowly", data: data));
    }
}

/// <summary>Loads this instance's search indexes at start, then catches them up every <see cref="ProjectorOptions.PollMilliseconds"/>.</summary>
internal sealed class SearchIndexFeedService(CatalogSearchFeed catalog, ICatalogSearchIndex catalogIndex, BoardSearchFeed board,
    IBoardSearchIndex boardIndex, ProjectorOptions options, ILogger<SearchIndexFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds)));
        do
        {
            // The board first: it is small and loads in seconds, the catalog can take minutes at national scale.
            await CatchUpAsync("demand board", board.CatchUpAsync, boardIndex, started, stoppingToken);
            await CatchUpAsync("catalog", catalog.CatchUpAsync, catalogIndex, started, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CatchUpAsync<TDocument>(string name, Func<bool, CancellationToken, Task<bool>> catchUp, ISearchIndex<TDocument> index,
        long started, CancellationToken stoppingToken)
    {
        var loaded = index.Loaded;
        try
        {
            await catchUp(true, stoppingToken);
            if (!loaded && index.Loaded)
                logger.LogInformation("The {Index} search index loaded {Documents} documents in {Seconds:0.0} s; searches use it from now on.",
                    name, index.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Loaded, it answers as of its last sequence and the next tick tries again; not loaded, the database answers.
            logger.LogWarning(e, "The {Index} search index could not catch up with the outbox; it tries again.", name);
        }
    }
}
