using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application;
using Registry.Application.Catalog;
using Registry.Application.Common;
using Registry.Infrastructure;

namespace Registry.Benchmarks;

/// <summary>
/// The public catalog search with facets on 1,000,000 published entries, sent through the real MediatR pipeline (logging,
/// authorization, validation, transaction and idempotency behaviors, then the Dapper handler: count, page and three facet
/// queries) in a fresh DI scope per call, as one HTTP request would be. HTTP, JSON and authentication are not part of the
/// measurement.
/// </summary>
public class CatalogSearchBenchmarks
{
    public const int Entries = 1_000_000;

    private static readonly SearchCatalog Everything = new(Q: null, Domain: null, Modality: null, TaskType: null, SecurityLevel: null,
        Openness: null, Region: null, AgencyId: null);

    private CatalogDataSet _data = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = CatalogDataSet.Open(Entries);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_data.Options)
            .AddSingleton<ICaller, SystemCaller>()
            .AddApplication()
            .AddInfrastructure()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Console.WriteLine(_data.Reused
            ? $"// Reused the cached {_data.Entries:N0} catalog entries ({_data.FileSize / 1_048_576:N0} MB)."
            : $"// Seeded {_data.Entries:N0} catalog entries in {_data.SeedTime.TotalSeconds:0.0} s ({_data.FileSize / 1_048_576:N0} MB).");
        foreach (var (name, query) in Queries())
        {
            var result = SendAsync(query).GetAwaiter().GetResult();
            if (result.Items.Count == 0) throw new InvalidOperationException($"The query '{name}' matches nothing; the benchmark would measure an empty page.");
            Console.WriteLine($"// {name}: {result.Total:N0} matches, {result.Items.Count} on the page; domains "
                + string.Join(", ", result.Facets.Domains.Take(3).Select(f => $"{f.Value} {f.Count:N0}")) + " …");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _data.Dispose();
    }

    /// <summary>The queries below, by benchmark name; the setup runs each once to show how many entries it matches.</summary>
    private static IEnumerable<(string Name, SearchCatalog Query)> Queries() =>
    [
        (nameof(NoFilter), Everything),
        (nameof(Pathology), Everything with { Q = "病理" }),
        (nameof(TransportInSichuan), Everything with { Q = "交通", Region = "510000" }),
        (nameof(HealthcareGeneral), Everything with { Domain = ["healthcare"], SecurityLevel = ["general"] }),
        (nameof(Image), Everything with { Modality = ["image"] }),
        (nameof(CommonWord), Everything with { Q = "标注" }),
    ];

    [Benchmark(Description = "no filter, page 1")]
    public Task<CatalogSearchResult> NoFilter() => SendAsync(Everything);

    [Benchmark(Description = "q=病理")]
    public Task<CatalogSearchResult> Pathology() => SendAsync(Everything with { Q = "病理" });

    [Benchmark(Description = "q=交通 & region=510000")]
    public Task<CatalogSearchResult> TransportInSichuan() => SendAsync(Everything with { Q = "交通", Region = "510000" });

    [Benchmark(Description = "domain=healthcare & securityLevel=general")]
    public Task<CatalogSearchResult> HealthcareGeneral() => SendAsync(Everything with { Domain = ["healthcare"], SecurityLevel = ["general"] });

    [Benchmark(Description = "modality=image")]
    public Task<CatalogSearchResult> Image() => SendAsync(Everything with { Modality = ["image"] });

    [Benchmark(Description = "q=标注 (in almost every entry)")]
    public Task<CatalogSearchResult> CommonWord() => SendAsync(Everything with { Q = "标注" });

    private async Task<CatalogSearchResult> SendAsync(SearchCatalog query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}
