using BenchmarkDotNet.Attributes;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Matching;
using Registry.Domain.Reference;

namespace Registry.Benchmarks;

/// <summary>
/// The in-memory matching index (docs/matching.md) on 100,000 suppliers and 50,000 open demands: the top 50 suppliers of one
/// demand, and the recommendations with gap advice of one enterprise; beside each, the same ranking by a straightforward SQL
/// query over the same data in SQLite (<see cref="MatchingSqlDataSet"/>). Suppliers declare 2 to 8 (modality, task type)
/// pairs, image and text the most often; seven in ten hold an active certificate, grades mostly low; regions over 30 cities.
/// </summary>
public class MatchingBenchmarks
{
    public const int Suppliers = 100_000;
    public const int OpenDemands = 50_000;

    public static readonly DateOnly Today = new(2026, 12, 1);
    private readonly List<SupplierProfile> _suppliers = [];
    private readonly List<MatchDemand> _demands = [];
    private SupplierIndex _index = null!;
    private MatchingSqlDataSet? _sql;
    private MatchDemand _demand = null!;
    private Guid _enterprise;

    [GlobalSetup(Targets = [nameof(Top50), nameof(Recommend)])]
    public void Setup()
    {
        var random = new Random(20261201);
        var cities = Enumerable.Range(0, 30).Select(i => $"{11 + i % 20}{1 + i / 20:D2}00").ToArray();
        _index = new SupplierIndex(MatchWeights.Default);
        for (var i = 0; i < Suppliers; i++)
        {
            var pairs = Enumerable.Range(0, random.Next(2, 9))
                .Select(_ => (Modalities.All[Math.Min(random.Next(10), 6)].Code, TaskTypes.All[Math.Min(random.Next(20), 14)].Code)).Distinct().ToList();
            var accepted = random.Next(4) == 0 ? 0 : random.Next(1, 40);
            var profile = new SupplierProfile(new Guid(i + 1, 0, 0, new byte[8]), $"S{i}", cities[random.Next(cities.Length)], null,
                random.Next(10) < 7 ? CertificateStatus.Active : random.Next(2) == 0 ? null : CertificateStatus.Suspended,
                Math.Min(1 + random.Next(6), 5), random.Next(1, 5), pairs,
                new Dictionary<string, int> { ["level_5"] = random.Next(5, 200), ["level_3"] = random.Next(0, 40), ["level_1"] = random.Next(0, 5) },
                random.Next(0, 20_000), random.Next(0, 4),
                accepted == 0 ? null : new QualityHistory(accepted, 0.9m + random.Next(100) / 1000m, random.Next(50, 101) / 100m),
                new Dictionary<string, int> { [IndustryDomains.All[random.Next(IndustryDomains.All.Count)].Code] = Math.Min(accepted, random.Next(0, 6)) },
                Excluded: false);
            _index.Upsert(profile);
            _suppliers.Add(profile);
            if (i == 4_242) _enterprise = profile.EnterpriseId;
        }
        for (var i = 0; i < OpenDemands; i++)
        {
            var modality = Modalities.All[Math.Min(random.Next(10), 6)].Code;
            var tasks = Enumerable.Range(0, random.Next(1, 3)).Select(_ => TaskTypes.All[Math.Min(random.Next(20), 14)].Code).Distinct().ToList();
            var demand = new MatchDemand(new Guid(0, 1, 0, BitConverter.GetBytes((long)i)), $"D{i}", null, cities[random.Next(cities.Length)], null,
                IndustryDomains.All[random.Next(IndustryDomains.All.Count)].Code,
                new DemandRequirements(random.Next(1, 4), random.Next(4) == 0 ? DataSecurityLevels.Important : DataSecurityLevels.General, modality, tasks),
                random.Next(1_000, 500_000), new[] { 0.9m, 0.95m, 0.98m }[random.Next(3)], random.Next(10_000, 5_000_000), Today.AddDays(random.Next(5, 90)), 3);
            _index.UpsertDemand(demand);
            _demands.Add(demand);
        }
        // The probe is a draft: the agency asks for its matches before publishing, so it is not among the open demands.
        _demand = new MatchDemand(new Guid(0, 2, 0, new byte[8]), "probe", null, cities[0], null, "transport",
            new DemandRequirements(2, DataSecurityLevels.General, "image", ["bounding_box", "classification"]), 200_000m, 0.95m, 1_000_000m, Today.AddDays(30), 3);
        var first = _index.Top(_demand, 50, Today);
        // One call per iteration measures single requests; the JIT's optimised code arrives only after some calls, so make them here.
        for (var i = 0; i < 300; i++)
        {
            _index.Top(_demand, 50, Today);
            _index.Recommend(_enterprise, 50, Today);
        }
        Console.WriteLine($"// {Suppliers:N0} suppliers, {OpenDemands:N0} open demands; {first.EligibleCount:N0} eligible for the probe demand.");
    }

    [GlobalSetup(Targets = [nameof(SqlTop50), nameof(SqlRecommend)])]
    public void SetupSql()
    {
        Setup();
        _sql = new MatchingSqlDataSet(_suppliers, [.. _demands], _index.Weights, _demand);
        var top = _index.Top(_demand, 50, Today);
        var (matches, nearMisses) = _sql.Top(_demand.Id, 50);
        var recommended = _index.Recommend(_enterprise, 50, Today)!;
        var (demands, gaps) = _sql.Recommend(_enterprise, 50);
        Console.WriteLine($"// SQL and index agree: top 50 {matches.SequenceEqual(top.Matches.Select(m => m.EnterpriseId))}, "
            + $"near-misses {nearMisses.SequenceEqual(top.NearMisses.Select(m => m.EnterpriseId))}, "
            + $"recommendations {demands.SequenceEqual(recommended.Demands.Select(d => d.DemandId))}, "
            + $"gaps {gaps.SequenceEqual(recommended.Gaps.OrderBy(g => g.Rule, StringComparer.Ordinal).Select(g => (g.Rule, g.Demands, g.TotalBudget)))}");
    }

    [GlobalCleanup]
    public void Cleanup() => _sql?.Dispose();

    [Benchmark(Description = "Top 50 of 100,000 suppliers, with near-misses")]
    public MatchList Top50() => _index.Top(_demand, 50, Today);

    [Benchmark(Description = "Recommendations and gap advice among 50,000 open demands")]
    public Recommendations? Recommend() => _index.Recommend(_enterprise, 50, Today);

    [Benchmark(Description = "SQL: top 50 of 100,000 suppliers, with near-misses")]
    public object SqlTop50() => _sql!.Top(_demand.Id, 50);

    [Benchmark(Description = "SQL: recommendations and gap advice among 50,000 open demands")]
    public object SqlRecommend() => _sql!.Recommend(_enterprise, 50);
}
