using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Domain.Catalog;

namespace Registry.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Registry.Benchmarks -- lucene-build</c>: builds (or reuses) the search index of the
/// catalog data set with each Chinese analyzer and prints what the benchmarks do not show: build time and rate, size on
/// disk, the managed memory the open index holds, and how many entries each analyzer finds for the benchmark words next to
/// the database's bigram search, with the terms it cuts the words into.
/// </summary>
public static class LuceneBuildReport
{
    private static readonly LuceneCatalogQuery[] Queries =
    [
        new(), new(Q: "病理"), new(Q: "标注"), new(Q: "病理", Domain: "healthcare", SecurityLevel: "important"),
        new(Q: "交通", Province: "510000", Modality: "video"),
    ];

    private static readonly string[] Words = ["病理", "标注", "交通", "数据集", "病理切片", "交通运输"];

    public static int Run(string[] args)
    {
        var data = CatalogDataSet.Open(CatalogSearchBenchmarks.Entries);
        Console.WriteLine($"// Data set: {data.Entries:N0} entries, {data.FileSize / 1_048_576:N0} MB ({(data.Reused ? "reused" : $"seeded in {data.SeedTime.TotalSeconds:0} s")}).");
        var analyzers = args.Length == 0 ? Enum.GetValues<ChineseAnalyzer>() : args.Select(Enum.Parse<ChineseAnalyzer>).ToArray();
        using var connection = new SqliteConnection(data.Options.Primary);
        connection.Open();
        foreach (var analyzer in analyzers)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var opened = Stopwatch.GetTimestamp();
            using var index = LuceneCatalogIndex.Open(data, analyzer, Console.WriteLine);
            var openTime = Stopwatch.GetElapsedTime(opened);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"// {analyzer}: {File.ReadAllText(Path.Combine(index.Folder, "complete"))}");
            Console.WriteLine($"// {analyzer}: {index.Documents:N0} documents, {index.SizeOnDisk / 1_048_576.0:N0} MB on disk; opened (facet bit sets built) in "
                + $"{openTime.TotalSeconds:0.0} s (build included when there was no index), holding {held / 1_048_576.0:N1} MB of managed memory; "
                + $"process working set {Environment.WorkingSet / 1_048_576:N0} MB");
            foreach (var word in Words)
            {
                var started = Stopwatch.GetTimestamp();
                var result = index.SearchBitSets(new LuceneCatalogQuery(Q: word));
                var elapsed = Stopwatch.GetElapsedTime(started);
                var match = string.Join(" AND ", SearchTerms.Query(word).Select(t => "\"" + t + "\""));
                var database = connection.ExecuteScalar<long>("select count(*) from catalog_search where catalog_search match @match", new { match });
                Console.WriteLine($"//   {word}: Lucene {result.Total:N0} (terms {string.Join(' ', index.Terms(word))}; first search {elapsed.TotalMilliseconds:0} ms), "
                    + $"database bigrams {database:N0} (terms {string.Join(' ', SearchTerms.Query(word))})");
            }
            if (analyzer != ChineseAnalyzer.Bigram) continue;
            // The facets of the index against the database's exact group-by counts, for the queries of the benchmark.
            var fts5 = new Fts5CatalogSearch(data.Options.Primary!);
            foreach (var q in Queries)
            {
                var lucene = index.SearchBitSets(q);
                var exact = fts5.ExactFacets(new Fts5CatalogSearch.Query(q.Q, q.Domain, q.SecurityLevel, q.Province, q.Modality));
                static string Text(IEnumerable<(string Value, long Count)> facet) =>
                    string.Join(",", facet.OrderBy(f => f.Value, StringComparer.Ordinal).Select(f => $"{f.Value}={f.Count}"));
                var same = lucene.Total == exact.Total
                    && Text(lucene.Domains.Select(f => (f.Value, (long)f.Count))) == Text(exact.Domains)
                    && Text(lucene.SecurityLevels.Select(f => (f.Value, (long)f.Count))) == Text(exact.SecurityLevels)
                    && Text(lucene.Modalities.Select(f => (f.Value, (long)f.Count))) == Text(exact.Modalities);
                Console.WriteLine($"//   {q}: total {lucene.Total:N0} / database {exact.Total:N0}; facets {(same ? "equal" : "DIFFERENT")}");
                if (!same) return 1;
            }
        }
        return 0;
    }
}
