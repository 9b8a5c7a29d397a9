using System.Diagnostics;
using Registry.Application.Catalog;
using Registry.Application.Common.Projections;
using Registry.Infrastructure.Search;

namespace Registry.Api.Hosting;

/// <summary>
/// Catalog search in the host (decision 0012): <c>Search:Engine</c> (<c>Index</c>, the default, or <c>Database</c>),
/// <c>Search:IndexFolder</c> (where this instance keeps its index; a temporary folder of its own when not set) and, where the
/// projector runs (<c>Projections:Enabled</c>), the loop that loads the index at start and follows the outbox every poll
/// interval; searches are answered by the database until the load completes. Without the loop (tests, verbs) the first search
/// loads the index.
/// </summary>
public static class CatalogSearch
{
    public static WebApplicationBuilder AddRegistryCatalogSearch(this WebApplicationBuilder builder)
    {
        var projector = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();
        var engine = builder.Configuration.GetValue("Search:Engine", CatalogSearchEngine.Index);
        builder.Services.AddSingleton(new CatalogSearchOptions { Engine = engine, LoadOnDemand = !projector.Enabled });
        var folder = builder.Configuration["Search:IndexFolder"];
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<ICatalogSearchIndex>(_ => new LuceneCatalogSearchIndex(folder is null ? null : Path.GetFullPath(folder, root)));
        if (projector.Enabled && engine == CatalogSearchEngine.Index) builder.Services.AddHostedService<CatalogSearchFeedService>();
        return builder;
    }
}

/// <summary>Loads this instance's catalog search index at start, then catches it up every <see cref="ProjectorOptions.PollMilliseconds"/>.</summary>
internal sealed class CatalogSearchFeedService(CatalogSearchFeed feed, ICatalogSearchIndex index, ProjectorOptions options,
    ILogger<CatalogSearchFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds)));
        do
        {
            var loaded = index.Loaded;
            try
            {
                await feed.CatchUpAsync(load: true, stoppingToken);
                if (!loaded && index.Loaded)
                    logger.LogInformation("The catalog search index loaded {Entries} entries in {Seconds:0.0} s; searches use it from now on.",
                        index.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Loaded, it answers as of its last sequence and the next tick tries again; not loaded, the database answers.
                logger.LogWarning(e, "The catalog search index could not catch up with the outbox; it tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
