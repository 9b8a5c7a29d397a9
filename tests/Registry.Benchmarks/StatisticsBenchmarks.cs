using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application;
using Registry.Application.Common;
using Registry.Application.Statistics;
using Registry.Infrastructure;

namespace Registry.Benchmarks;

/// <summary>
/// Industry monitoring at 100,000 demands and 1,000,000 bids over 24 months (<see cref="StatisticsDataSet"/>): the national
/// overview and Sichuan broken down by city, sent through the real MediatR pipeline in a fresh DI scope per call as the operator
/// (who reads any region) would send them, reading the statistics tables the projection keeps; beside each, the same figures
/// computed from the write tables per request (<see cref="StatisticsSqlBaseline"/>). HTTP, JSON and authentication are not measured.
/// </summary>
public class StatisticsBenchmarks
{
    public const int Demands = 100_000;
    public const int Bids = 1_000_000;
    public const string Province = "510000";

    private StatisticsDataSet _data = null!;
    private ServiceProvider _services = null!;
    private StatisticsSqlBaseline? _sql;

    [GlobalSetup(Targets = [nameof(Overview), nameof(OverviewAfterAChange), nameof(ProvinceByCity)])]
    public void Setup()
    {
        _data = StatisticsDataSet.Open(Demands, Bids);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_data.Options)
            .AddSingleton<ICaller, SystemCaller>()
            .AddApplication()
            .AddInfrastructure()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Console.WriteLine($"// {(_data.Cached ? "Opened" : "Built")} {_data.Demands:N0} demands, {_data.Bids:N0} bids in {_data.BuildTime.TotalSeconds:0.0} s; "
            + $"{_data.ReadRows:N0} rows in stats_demand_month, {_data.TotalRows:N0} in stats_demand_totals.");
    }

    [GlobalSetup(Targets = [nameof(SqlOverview), nameof(SqlProvinceByCity)])]
    public void SetupSql()
    {
        Setup();
        _sql = new StatisticsSqlBaseline(_data);
        var overview = Overview().GetAwaiter().GetResult();
        var breakdown = ProvinceByCity().GetAwaiter().GetResult();
        var fromWrites = _sql.Overview("000000");
        var citiesFromWrites = _sql.ByCity(Province);

        var d = overview.Demands;
        var read = new DemandTotals("", d.Published, d.Budget, d.Opened, d.BidsOpened ?? -1, d.Awarded, d.AwardedValue, d.Unsuccessful, d.Cancelled,
            overview.Contracts.Completed, overview.Contracts.Terminated);
        var deliveries = (overview.Contracts.DeliveriesAccepted, overview.Contracts.OnTime, overview.Contracts.DeliveriesRejected ?? -1);
        var prices = overview.UnitPrices.Select(p => (p.Modality, p.Unit, p.Awards)).ToList();
        var domains = overview.SupplyAndDemand.Where(s => s.DemandsPublished > 0).Select(s => (s.Domain, s.DemandsPublished, s.Budget)).ToList();
        var cities = breakdown.Rows.Select(r => new DemandTotals(r.Code, r.DemandsPublished, r.BudgetPublished, r.DemandsOpened, r.BidsOpened,
            r.DemandsAwarded, r.AwardedValue, r.DemandsUnsuccessful, r.DemandsCancelled, r.ContractsCompleted, r.ContractsTerminated)).ToList();
        var agree = new Dictionary<string, bool>
        {
            ["overview totals"] = read == fromWrites.Totals,
            ["deliveries"] = deliveries == (fromWrites.DeliveriesAccepted, fromWrites.OnTime, fromWrites.DeliveriesRejected),
            ["unit prices"] = prices.SequenceEqual(fromWrites.UnitPrices.Select(p => (p.Modality, p.Unit, p.Awards)))
                && overview.UnitPrices.Zip(fromWrites.UnitPrices).All(p => p.First.AverageUnitPrice == StatisticsReads.Ratio(p.Second.Value, p.Second.Volume)),
            ["demand by domain"] = domains.SequenceEqual(fromWrites.ByDomain),
            [$"{Province} by city"] = cities.SequenceEqual(citiesFromWrites),
        };
        Console.WriteLine($"// National: {read}");
        Console.WriteLine($"// Write tables: {fromWrites.Totals}");
        foreach (var (city, fromWrite) in cities.Zip(citiesFromWrites).Where(c => c.First != c.Second))
            Console.WriteLine($"// {city} <> {fromWrite}");
        Console.WriteLine($"// Read model and write tables agree: {string.Join(", ", agree.Select(a => $"{a.Key} {a.Value}"))}; "
            + $"{cities.Count} cities, {d.Published:N0} published, {d.BidsOpened:N0} bids opened.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sql?.Dispose();
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Benchmark(Description = "overview, national (read model, unchanged since the last request)")]
    public Task<StatisticsOverview> Overview() => SendAsync(new GetStatisticsOverview(null));

    [Benchmark(Description = "overview, national (read model, first request after the projection moved)")]
    public Task<StatisticsOverview> OverviewAfterAChange()
    {
        _services.GetRequiredService<StatisticsOverviewCache>().Clear();
        return SendAsync(new GetStatisticsOverview(null));
    }

    [Benchmark(Description = "breakdown region=510000 by=city (read model)")]
    public Task<StatisticsBreakdown> ProvinceByCity() => SendAsync(new GetStatisticsBreakdown(Province, "city", null, null));

    [Benchmark(Description = "SQL on write tables: overview, national")]
    public OverviewTotals SqlOverview() => _sql!.Overview("000000");

    [Benchmark(Description = "SQL on write tables: 510000 by city")]
    public List<DemandTotals> SqlProvinceByCity() => _sql!.ByCity(Province);

    private async Task<T> SendAsync<T>(IRequest<T> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}
