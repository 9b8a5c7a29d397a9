using Registry.Application.Common.Projections;
using Registry.Application.Matching;
using Registry.Domain.Matching;

namespace Registry.Api.Hosting;

/// <summary>
/// Matching in the host: its weights (<c>Matching:Weights:*</c>, refused at start when unusable) and, where the projector
/// runs (<c>Projections:Enabled</c>), the loop that loads this instance's index at start and follows the outbox every poll
/// interval. Without it (tests, verbs) the index is loaded and caught up by the first request that reads it.
/// </summary>
public static class Matching
{
    public static WebApplicationBuilder AddRegistryMatching(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new MatchingOptions { Weights = Weights(builder.Configuration) });
        var projector = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();
        if (projector.Enabled) builder.Services.AddHostedService<MatchingFeedService>();
        return builder;
    }

    /// <summary>The weights configured under <c>Matching:Weights</c>, each one not set keeping its default; unusable weights stop the start.</summary>
    public static MatchWeights Weights(IConfiguration configuration)
    {
        var weights = configuration.GetSection("Matching:Weights").Get<MatchWeights>() ?? MatchWeights.Default;
        return weights.Problem() is { } problem ? throw new InvalidOperationException($"Matching:Weights: {problem}") : weights;
    }
}

/// <summary>Keeps this instance's matching index current: a catch-up every <see cref="ProjectorOptions.PollMilliseconds"/>.</summary>
internal sealed class MatchingFeedService(MatchingFeed feed, ProjectorOptions options, ILogger<MatchingFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds)));
        do
        {
            try
            {
                await feed.CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The index keeps answering as of its last sequence (shown as asOf); the next tick tries again.
                logger.LogWarning(e, "The matching index could not catch up with the outbox; it tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
