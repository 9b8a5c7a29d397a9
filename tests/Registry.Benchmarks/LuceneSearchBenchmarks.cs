using BenchmarkDotNet.Attributes;

namespace Registry.Benchmarks;

/// <summary>
/// Issue 20, search engine choice: the same four catalog queries on the same 1,000,000 entries (<see cref="CatalogDataSet"/>),
/// answered by the Lucene.NET index prototype (<see cref="LuceneCatalogIndex"/>, CJK bigrams, BM25) and by the best SQLite FTS5
/// path (<see cref="Fts5CatalogSearch"/>). A Lucene answer is complete: exact total, domain, security level and modality facets
/// over the whole match set, and the 20 rows of the page read from SQLite by key; it is computed with bit sets
/// (<see cref="LuceneCatalogIndex.SearchBitSets"/>) and, for three queries, with one collector pass for comparison. The FTS5 answer is split in two, because the
/// parts cost so differently: the page straight from the FTS5 index with a total capped at 10,001, and the exact facets.
/// </summary>
public class LuceneSearchBenchmarks
{
    // One index and data set per process: with the in-process toolchain every benchmark of the class shares them.
    private static readonly Lazy<(CatalogDataSet Data, LuceneCatalogIndex Index, LuceneCatalogIndex Cached, Fts5CatalogSearch Fts5)> Shared = new(() =>
    {
        var data = CatalogDataSet.Open(CatalogSearchBenchmarks.Entries);
        var index = LuceneCatalogIndex.Open(data, ChineseAnalyzer.Bigram, Console.WriteLine);
        var cached = LuceneCatalogIndex.Open(data, ChineseAnalyzer.Bigram, Console.WriteLine, cacheFrequentTerms: true);
        return (data, index, cached, new Fts5CatalogSearch(data.Options.Primary!));
    });

    private static readonly LuceneCatalogQuery Everything = new();
    private static readonly LuceneCatalogQuery Pathology = new(Q: "病理");
    private static readonly LuceneCatalogQuery Labeling = new(Q: "标注");
    private static readonly LuceneCatalogQuery PathologyTwoFacets = new(Q: "病理", Domain: "healthcare", SecurityLevel: "important");
    private static readonly LuceneCatalogQuery TransportTwoFacets = new(Q: "交通", Province: "510000", Modality: "video");

    private LuceneCatalogIndex _index = null!;
    private LuceneCatalogIndex _cached = null!;
    private Fts5CatalogSearch _fts5 = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_, _index, _cached, _fts5) = Shared.Value;
        if (!_index.IsNewestFirst()) throw new InvalidOperationException("The index is not in newest-first order; the bit set page would be wrong.");
        foreach (var (name, q) in new[] { ("no filter", Everything), ("病理", Pathology), ("标注", Labeling), ("病理 + healthcare + important", PathologyTwoFacets),
                     ("交通 + 510000 + video", TransportTwoFacets) })
        {
            var result = _index.SearchBitSets(q);
            var collected = _index.SearchCollecting(q);
            var cached = _cached.SearchBitSets(q);
            if (cached.Total != result.Total || !cached.Page.SequenceEqual(result.Page) || !cached.Domains.SequenceEqual(result.Domains))
                throw new InvalidOperationException($"The query '{name}' gives different answers with the frequent-term cache.");
            if (collected.Total != result.Total || !collected.Page.SequenceEqual(result.Page) || !collected.Domains.SequenceEqual(result.Domains)
                || !collected.Modalities.SequenceEqual(result.Modalities) || !collected.SecurityLevels.SequenceEqual(result.SecurityLevels))
                throw new InvalidOperationException($"The query '{name}' gives different answers with bit sets and with a collector.");
            if (result.Page.Count == 0) throw new InvalidOperationException($"The query '{name}' matches nothing.");
            Console.WriteLine($"// Lucene {name}: {result.Total:N0} matches; domains "
                + string.Join(", ", result.Domains.Take(3).Select(f => $"{f.Value} {f.Count:N0}")) + " …");
        }
    }

    private LuceneCatalogResult Lucene(LuceneCatalogQuery q, bool collecting = false, bool cached = false)
    {
        var result = collecting ? _index.SearchCollecting(q) : cached ? _cached.SearchBitSets(q) : _index.SearchBitSets(q);
        _fts5.Rows(result.Page);
        return result;
    }

    private static Fts5CatalogSearch.Query Fts5(LuceneCatalogQuery q) => new(q.Q, q.Domain, q.SecurityLevel, q.Province, q.Modality);

    [Benchmark(Description = "Lucene: no filter, newest first")]
    public LuceneCatalogResult LuceneNoFilter() => Lucene(Everything);

    [Benchmark(Description = "Lucene: q=病理, newest first")]
    public LuceneCatalogResult LucenePathology() => Lucene(Pathology);

    [Benchmark(Description = "Lucene: q=标注, newest first")]
    public LuceneCatalogResult LuceneLabeling() => Lucene(Labeling);

    [Benchmark(Description = "Lucene: q=病理 & healthcare & important, newest first")]
    public LuceneCatalogResult LucenePathologyTwoFacets() => Lucene(PathologyTwoFacets);

    [Benchmark(Description = "Lucene: q=交通 & 510000 & video, newest first")]
    public LuceneCatalogResult LuceneTransportTwoFacets() => Lucene(TransportTwoFacets);

    [Benchmark(Description = "Lucene: q=病理, relevance")]
    public LuceneCatalogResult LucenePathologyRelevance() => Lucene(Pathology with { ByRelevance = true });

    [Benchmark(Description = "Lucene: q=标注, relevance")]
    public LuceneCatalogResult LuceneLabelingRelevance() => Lucene(Labeling with { ByRelevance = true });

    [Benchmark(Description = "Lucene: q=病理 & healthcare & important, relevance")]
    public LuceneCatalogResult LucenePathologyTwoFacetsRelevance() => Lucene(PathologyTwoFacets with { ByRelevance = true });

    [Benchmark(Description = "Lucene, frequent-term cache: q=标注, newest first")]
    public LuceneCatalogResult LuceneCachedLabeling() => Lucene(Labeling, cached: true);

    [Benchmark(Description = "Lucene, frequent-term cache: q=标注 & healthcare & important, newest first")]
    public LuceneCatalogResult LuceneCachedLabelingTwoFacets() => Lucene(Labeling with { Domain = "healthcare", SecurityLevel = "important" }, cached: true);

    [Benchmark(Description = "Lucene, one collector pass: no filter, newest first")]
    public LuceneCatalogResult LuceneCollectingNoFilter() => Lucene(Everything, collecting: true);

    [Benchmark(Description = "Lucene, one collector pass: q=病理, newest first")]
    public LuceneCatalogResult LuceneCollectingPathology() => Lucene(Pathology, collecting: true);

    [Benchmark(Description = "Lucene, one collector pass: q=标注, newest first")]
    public LuceneCatalogResult LuceneCollectingLabeling() => Lucene(Labeling, collecting: true);

    [Benchmark(Description = "FTS5 page + count to 10,001: no filter")]
    public Fts5CatalogSearch.Page Fts5NoFilter() => _fts5.TopK(Fts5(Everything));

    [Benchmark(Description = "FTS5 page + count to 10,001: q=病理")]
    public Fts5CatalogSearch.Page Fts5Pathology() => _fts5.TopK(Fts5(Pathology));

    [Benchmark(Description = "FTS5 page + count to 10,001: q=标注")]
    public Fts5CatalogSearch.Page Fts5Labeling() => _fts5.TopK(Fts5(Labeling));

    [Benchmark(Description = "FTS5 page + count to 10,001: q=病理 & healthcare & important")]
    public Fts5CatalogSearch.Page Fts5PathologyTwoFacets() => _fts5.TopK(Fts5(PathologyTwoFacets));

    [Benchmark(Description = "FTS5 page + count to 10,001: q=交通 & 510000 & video")]
    public Fts5CatalogSearch.Page Fts5TransportTwoFacets() => _fts5.TopK(Fts5(TransportTwoFacets));

    [Benchmark(Description = "FTS5 exact total + facets: no filter")]
    public Fts5CatalogSearch.Facets Fts5FacetsNoFilter() => _fts5.ExactFacets(Fts5(Everything));

    [Benchmark(Description = "FTS5 exact total + facets: q=病理")]
    public Fts5CatalogSearch.Facets Fts5FacetsPathology() => _fts5.ExactFacets(Fts5(Pathology));

    [Benchmark(Description = "FTS5 exact total + facets: q=标注")]
    public Fts5CatalogSearch.Facets Fts5FacetsLabeling() => _fts5.ExactFacets(Fts5(Labeling));

    [Benchmark(Description = "FTS5 exact total + facets: q=病理 & healthcare & important")]
    public Fts5CatalogSearch.Facets Fts5FacetsPathologyTwoFacets() => _fts5.ExactFacets(Fts5(PathologyTwoFacets));

    [Benchmark(Description = "FTS5 exact total + facets: q=交通 & 510000 & video")]
    public Fts5CatalogSearch.Facets Fts5FacetsTransportTwoFacets() => _fts5.ExactFacets(Fts5(TransportTwoFacets));
}
