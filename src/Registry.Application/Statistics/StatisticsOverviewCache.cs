using System.Collections.Concurrent;

namespace Registry.Application.Statistics;

/// <summary>
/// The last overview answered per region and audience, with the projection position it was read at. Every table the overview
/// reads is written by the statistics projection alone, together with its cursor, so while the cursor stands still the answer
/// cannot change: a request then costs one read of the cursor instead of a dozen queries (docs/performance.md). One entry per
/// region and audience at most, so the cache stays as small as the region list.
/// </summary>
public sealed class StatisticsOverviewCache
{
    private readonly ConcurrentDictionary<(string Region, bool Supervised), StatisticsOverview> _answers = new();

    public StatisticsOverview? Get(string region, bool supervised, AsOf asOf) =>
        _answers.TryGetValue((region, supervised), out var answer) && answer.AsOf == asOf ? answer : null;

    public void Put(string region, bool supervised, StatisticsOverview answer) => _answers[(region, supervised)] = answer;

    /// <summary>Forgets every answer, as if the projection had moved for every region (benchmarks measure the read this way).</summary>
    public void Clear() => _answers.Clear();
}
