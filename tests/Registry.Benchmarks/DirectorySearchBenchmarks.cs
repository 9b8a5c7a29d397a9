using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Infrastructure;
using Registry.Infrastructure.Database;

namespace Registry.Benchmarks;

/// <summary>
/// The public enterprise directory search on 100,000 enterprises, sent through the real MediatR pipeline (logging,
/// authorization, validation, transaction and idempotency behaviors, then the Dapper handler) in a fresh DI scope per
/// call, as one HTTP request would be. HTTP, JSON and authentication are not part of the measurement.
/// </summary>
public class DirectorySearchBenchmarks
{
    public const int Enterprises = 100_000;

    private static readonly SearchEnterprises Everything = new(Q: null, Region: null, BaseId: null, Modality: null, TaskType: null,
        Domain: null, MinGrade: null, CertificateStatus: null, Designation: null, Clearance: null, Sort: null);

    private DirectoryDataSet _data = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = DirectoryDataSet.Create(Enterprises);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_data.Options)
            .AddSingleton<ICaller, SystemCaller>()
            .AddApplication()
            .AddInfrastructure()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Console.WriteLine($"// Seeded {_data.Enterprises:N0} enterprises in {_data.SeedTime.TotalSeconds:0.0} s.");
        foreach (var (name, query) in Queries(_data.ChengduBaseId))
        {
            var page = SendAsync(query).GetAwaiter().GetResult();
            if (page.Items.Count == 0) throw new InvalidOperationException($"The query '{name}' matches nothing; the benchmark would measure an empty page.");
            Console.WriteLine($"// {name}: {page.Total:N0} matches, {page.Items.Count} on the page.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _data.Dispose();
    }

    /// <summary>The queries below, by benchmark name; the setup runs each once to show how many enterprises it matches.</summary>
    private static IEnumerable<(string Name, SearchEnterprises Query)> Queries(Guid baseId) =>
    [
        (nameof(NoFilter), Everything),
        (nameof(NameContains), Everything with { Q = "智标" }),
        (nameof(Province), Everything with { Region = "510000" }),
        (nameof(BaseAndMinGrade), Everything with { BaseId = baseId, MinGrade = 3 }),
        (nameof(Capability), Everything with { Modality = ["image"], TaskType = ["segmentation"] }),
        (nameof(Designation), Everything with { Designation = ["leading"] }),
        (nameof(ByCapacityPage50), Everything with { Sort = "capacity", Page = 50 }),
    ];

    [Benchmark(Description = "no filter, page 1")]
    public Task<Page<EnterpriseSummary>> NoFilter() => SendAsync(Everything);

    [Benchmark(Description = "q=智标 (name contains)")]
    public Task<Page<EnterpriseSummary>> NameContains() => SendAsync(Everything with { Q = "智标" });

    [Benchmark(Description = "region=510000 (province)")]
    public Task<Page<EnterpriseSummary>> Province() => SendAsync(Everything with { Region = "510000" });

    [Benchmark(Description = "baseId=Chengdu & minGrade=3")]
    public Task<Page<EnterpriseSummary>> BaseAndMinGrade() => SendAsync(Everything with { BaseId = _data.ChengduBaseId, MinGrade = 3 });

    [Benchmark(Description = "modality=image & taskType=segmentation")]
    public Task<Page<EnterpriseSummary>> Capability() => SendAsync(Everything with { Modality = ["image"], TaskType = ["segmentation"] });

    [Benchmark(Description = "designation=leading")]
    public Task<Page<EnterpriseSummary>> Designation() => SendAsync(Everything with { Designation = ["leading"] });

    [Benchmark(Description = "sort=capacity, page 50")]
    public Task<Page<EnterpriseSummary>> ByCapacityPage50() => SendAsync(Everything with { Sort = "capacity", Page = 50 });

    private async Task<Page<EnterpriseSummary>> SendAsync(SearchEnterprises query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}
