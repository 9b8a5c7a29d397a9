using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace Registry.Benchmarks;

/// <summary>
/// One call per iteration (the monitoring strategy), so that the median and P95 are those of single requests, as a
/// server would see them, rather than of batches averaged together. Outliers are kept: they are the tail we want.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        var job = Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(3)
            .WithIterationCount(40)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithId("Monitoring");
        // On a machine too busy to build the generated benchmark project within BenchmarkDotNet's two minutes, run in this process.
        // Its default five-minute limit per benchmark is too short for the SQL baselines of the statistics benchmark on a loaded machine.
        if (Environment.GetEnvironmentVariable("REGISTRY_BENCHMARK_IN_PROCESS") == "1")
            job = job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
        AddJob(job);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
