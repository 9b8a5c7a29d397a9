using System.Diagnostics;
using System.Globalization;
using Dapper;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Registry.Infrastructure.Database;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Registry.Benchmarks;

/// <summary>The Chinese analyzers compared: CJK bigrams (as <c>SearchTerms</c> does for the database) and SmartCn word segmentation.</summary>
public enum ChineseAnalyzer { Bigram, SmartCn }

/// <summary>A catalog query for the search index prototype: full text, the filters of the benchmark and the order of the page.</summary>
public sealed record LuceneCatalogQuery(string? Q = null, string? Domain = null, string? SecurityLevel = null, string? Province = null,
    string? Modality = null, bool ByRelevance = false);

/// <summary>The answer: exact total, the three facets over the whole match set, and the ids of the page in its order.</summary>
public sealed record LuceneCatalogResult(int Total, IReadOnlyList<(string Value, int Count)> Domains, IReadOnlyList<(string Value, int Count)> SecurityLevels,
    IReadOnlyList<(string Value, int Count)> Modalities, IReadOnlyList<string> Page);

/// <summary>
/// Prototype of a catalog search index (issue 20): Lucene.NET 4.8 built from the <c>catalog_directory</c> rows of the
/// <see cref="CatalogDataSet"/> file, one document per published entry, kept in an <see cref="MMapDirectory"/> under
/// <c>/tmp/registry-bench-catalog/…/lucene-{analyzer}</c> and reused like the data set. Full text over code, title,
/// description and agency; keyword fields for the filters; <c>published</c> as numeric doc values for the newest-first
/// order; BM25 for relevance. Facets are counted without Lucene.Net.Facet: the match set is a <see cref="FixedBitSet"/>
/// intersected with one bit set per facet value (domain, security level, modality; province for the filter), built when
/// the index is opened.
/// </summary>
public sealed class LuceneCatalogIndex : IDisposable
{
    public const int PageSize = 20;
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly LuceneDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly Dictionary<string, (string Value, FixedBitSet Docs)[]> _facets;
    private static readonly Sort Newest = new(new SortField("published", SortFieldType.INT64, reverse: true));

    /// <summary>Bit sets of the terms in more than a tenth of the documents, when <see cref="CacheFrequentTerms"/> is on.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FixedBitSet> _frequentTerms = new(StringComparer.Ordinal);

    private LuceneCatalogIndex(string folder, ChineseAnalyzer analyzer, bool cacheFrequentTerms)
    {
        CacheFrequentTerms = cacheFrequentTerms;
        Folder = folder;
        _analyzer = CreateAnalyzer(analyzer);
        _directory = new MMapDirectory(new DirectoryInfo(folder));
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _facets = new[] { "domain", "security_level", "modality", "province" }.ToDictionary(f => f, ValueBitSets);
    }

    public string Folder { get; }

    /// <summary>
    /// Keep the bit set of a term found in more than a tenth of the documents once read (at most 125 KB each per million
    /// documents), as Lucene's filter cache would; valid until the reader is reopened.
    /// </summary>
    public bool CacheFrequentTerms { get; }

    public int Documents => _reader.NumDocs;

    public long SizeOnDisk => new DirectoryInfo(Folder).EnumerateFiles().Sum(f => f.Length);

    public static Analyzer CreateAnalyzer(ChineseAnalyzer analyzer) => analyzer switch
    {
        // CJKAnalyzer emits overlapping bigrams of Han text (a lone character as a unigram) and lower-cases Latin words.
        ChineseAnalyzer.Bigram => new CJKAnalyzer(Version),
        _ => new SmartChineseAnalyzer(Version),
    };

    /// <summary>The folder of the index next to the data set file; built from it first when missing.</summary>
    public static LuceneCatalogIndex Open(CatalogDataSet data, ChineseAnalyzer analyzer, Action<string>? log = null, bool cacheFrequentTerms = false)
    {
        var folder = Path.Combine(data.Folder, "lucene-" + analyzer.ToString().ToLowerInvariant());
        if (!File.Exists(Path.Combine(folder, "complete")))
        {
            var building = folder + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            if (System.IO.Directory.Exists(building)) System.IO.Directory.Delete(building, recursive: true);
            var stats = Build(data.Options, analyzer, building);
            File.WriteAllText(Path.Combine(building, "complete"), stats.ToString());
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
            System.IO.Directory.Move(building, folder);
            log?.Invoke("// Built the " + analyzer + " index: " + stats);
        }
        return new LuceneCatalogIndex(folder, analyzer, cacheFrequentTerms);
    }

    public sealed record BuildStats(int Documents, TimeSpan Index, TimeSpan Merge, long Bytes)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Documents:N0} documents, {(Index + Merge).TotalSeconds:0.0} s ({Documents / (Index + Merge).TotalSeconds:N0} docs/s; "
            + $"indexing {Index.TotalSeconds:0.0} s including reading the rows, merge to one segment {Merge.TotalSeconds:0.0} s), {Bytes / 1_048_576.0:N0} MB on disk");
    }

    private sealed record Row(string EntryId, string AgencyId, string AgencyNameZh, string Code, string Title, string Description, string Domain,
        string Modalities, string TaskTypes, string SecurityLevel, string Openness, string RegionCode, string ProvinceCode, string PublishedAt);

    /// <summary>Reads every directory row, newest first, and writes one document each; then merges into one segment.</summary>
    public static BuildStats Build(DatabaseOptions options, ChineseAnalyzer analyzer, string folder)
    {
        var started = Stopwatch.GetTimestamp();
        using var directory = FSDirectory.Open(new DirectoryInfo(folder));
        var config = new IndexWriterConfig(Version, CreateAnalyzer(analyzer))
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 256,
            // Adjacent segments only, so that the documents keep the newest-first order they were added in.
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        var documents = 0;
        using (var writer = new IndexWriter(directory, config))
        {
            using var connection = new SqliteConnection(options.Primary);
            connection.Open();
            var rows = connection.Query<Row>("""
                select entry_id as EntryId, agency_id as AgencyId, agency_name_zh as AgencyNameZh, code as Code, title as Title,
                    description as Description, domain as Domain, modalities as Modalities, task_types as TaskTypes,
                    security_level as SecurityLevel, openness as Openness, region_code as RegionCode, province_code as ProvinceCode,
                    published_at as PublishedAt
                from catalog_directory order by published_at desc, entry_id
                """, buffered: false);
            // One document and its fields reused for every row, as Lucene recommends for bulk indexing.
            var id = new StringField("id", "", Field.Store.YES);
            var text = new TextField("text", "", Field.Store.NO);
            var domain = new StringField("domain", "", Field.Store.NO);
            var security = new StringField("security_level", "", Field.Store.NO);
            var openness = new StringField("openness", "", Field.Store.NO);
            var region = new StringField("region", "", Field.Store.NO);
            var province = new StringField("province", "", Field.Store.NO);
            var agency = new StringField("agency", "", Field.Store.NO);
            var published = new NumericDocValuesField("published", 0L);
            foreach (var row in rows)
            {
                var document = new Document { id, text, domain, security, openness, region, province, agency, published };
                id.SetStringValue(row.EntryId);
                text.SetStringValue(row.Code + "\n" + row.Title + "\n" + row.Description + "\n" + row.AgencyNameZh);
                domain.SetStringValue(row.Domain);
                security.SetStringValue(row.SecurityLevel);
                openness.SetStringValue(row.Openness);
                region.SetStringValue(row.RegionCode);
                province.SetStringValue(row.ProvinceCode);
                agency.SetStringValue(row.AgencyId);
                published.SetInt64Value(DateTimeOffset.Parse(row.PublishedAt, CultureInfo.InvariantCulture).UtcTicks);
                foreach (var m in row.Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries)) document.Add(new StringField("modality", m, Field.Store.NO));
                foreach (var t in row.TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries)) document.Add(new StringField("task_type", t, Field.Store.NO));
                writer.AddDocument(document);
                documents++;
            }
            var indexed = Stopwatch.GetElapsedTime(started);
            writer.ForceMerge(1);
            writer.Commit();
            var merged = Stopwatch.GetElapsedTime(started);
            return new BuildStats(documents, indexed, merged - indexed,
                new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length));
        }
    }

    /// <summary>The terms a query must all match, as the analyzer of the index cuts them.</summary>
    public IReadOnlyList<string> Terms(string q)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream("text", q);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms.Distinct(StringComparer.Ordinal).ToList();
    }

    public Query ToQuery(LuceneCatalogQuery q)
    {
        var query = new BooleanQuery();
        if (!string.IsNullOrWhiteSpace(q.Q))
            foreach (var t in Terms(q.Q)) query.Add(new TermQuery(new Term("text", t)), Occur.MUST);
        // Filters do not change the relevance: constant-score clauses with no weight.
        foreach (var (field, value) in new[] { ("domain", q.Domain), ("security_level", q.SecurityLevel), ("province", q.Province), ("modality", q.Modality) })
            if (value is not null) query.Add(new ConstantScoreQuery(new TermQuery(new Term(field, value))) { Boost = 0 }, Occur.MUST);
        return query.Clauses.Count == 0 ? new MatchAllDocsQuery() : query;
    }

    /// <summary>
    /// The straightforward way: one pass of the query over every match, feeding the page collector (newest first by doc
    /// values, or BM25) and a collector that sets each hit in a bit set; then the facets from the bit set. It costs about
    /// 0.2 µs per hit, so a query matching most of the catalog is slow: see <see cref="SearchBitSets"/>.
    /// </summary>
    public LuceneCatalogResult SearchCollecting(LuceneCatalogQuery q)
    {
        var hits = new FixedBitSet(_reader.MaxDoc);
        ITopDocsCollector top = q.ByRelevance
            ? TopScoreDocCollector.Create(PageSize, docsScoredInOrder: true)
            : TopFieldCollector.Create(Newest, PageSize, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);
        _searcher.Search(ToQuery(q), MultiCollector.Wrap((ICollector)top, new BitSetCollector(hits)));
        var page = top.GetTopDocs().ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id")).ToList();
        return new LuceneCatalogResult(top.TotalHits, Facet("domain", hits), Facet("security_level", hits), Facet("modality", hits), page);
    }

    /// <summary>
    /// The match set as bit set algebra instead of a collector: the postings of each query term read straight into a bit
    /// set, and-ed together and with the prebuilt bit set of each filter value. The total is its cardinality, the facets its
    /// intersection counts, and, because the documents were added newest first and merged in order, the newest-first page
    /// is its first 20 set bits. Only the relevance order runs a scoring query, for the page alone.
    /// </summary>
    public LuceneCatalogResult SearchBitSets(LuceneCatalogQuery q)
    {
        var hits = Matches(q);
        IReadOnlyList<string> page;
        if (q.ByRelevance && !string.IsNullOrWhiteSpace(q.Q))
        {
            var top = TopScoreDocCollector.Create(PageSize, docsScoredInOrder: true);
            _searcher.Search(ToQuery(q), top);
            page = top.GetTopDocs().ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id")).ToList();
        }
        else
        {
            var ids = new List<string>(PageSize);
            for (var doc = hits.NextSetBit(0); doc >= 0 && ids.Count < PageSize; doc = doc + 1 < hits.Length ? hits.NextSetBit(doc + 1) : -1)
                ids.Add(_searcher.Doc(doc).Get("id"));
            page = ids;
        }
        return new LuceneCatalogResult(hits.Cardinality, Facet("domain", hits), Facet("security_level", hits), Facet("modality", hits), page);
    }

    private FixedBitSet Matches(LuceneCatalogQuery q)
    {
        FixedBitSet? hits = null;
        if (!string.IsNullOrWhiteSpace(q.Q))
            foreach (var t in Terms(q.Q))
            {
                var postings = TermDocs(t, out var shared);
                if (hits is null) hits = shared ? postings.Clone() : postings;
                else hits.And(postings);
            }
        foreach (var (field, value) in new[] { ("domain", q.Domain), ("security_level", q.SecurityLevel), ("province", q.Province), ("modality", q.Modality) })
        {
            if (value is null) continue;
            var set = _facets[field].FirstOrDefault(f => f.Value == value).Docs ?? new FixedBitSet(_reader.MaxDoc);
            if (hits is null) hits = set.Clone();
            else hits.And(set);
        }
        if (hits is null)
        {
            hits = new FixedBitSet(_reader.MaxDoc);
            hits.Set(0, _reader.MaxDoc);
            foreach (var leaf in _reader.Leaves)
            {
                var live = leaf.AtomicReader.LiveDocs;
                if (live is null) continue;
                for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++) if (!live.Get(doc)) hits.Clear(leaf.DocBase + doc);
            }
        }
        return hits;
    }

    /// <summary>The documents of a full-text term, from the frequent-term cache (shared: not to be changed) or read now.</summary>
    private FixedBitSet TermDocs(string text, out bool shared)
    {
        shared = false;
        if (!CacheFrequentTerms) return Postings("text", text);
        if (_frequentTerms.TryGetValue(text, out var cached))
        {
            shared = true;
            return cached;
        }
        var set = Postings("text", text);
        if (_reader.DocFreq(new Term("text", text)) <= _reader.MaxDoc / 10) return set;
        shared = true;
        return _frequentTerms.GetOrAdd(text, set);
    }

    /// <summary>The live documents containing a term, read from its postings into a bit set.</summary>
    private FixedBitSet Postings(string field, string text)
    {
        var set = new FixedBitSet(_reader.MaxDoc);
        var term = new Term(field, text);
        foreach (var leaf in _reader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(term);
            if (docs is null) continue;
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(leaf.DocBase + doc);
        }
        return set;
    }

    /// <summary>Whether the documents are in newest-first order, which the bit set page relies on.</summary>
    public bool IsNewestFirst()
    {
        var previous = long.MaxValue;
        foreach (var leaf in _reader.Leaves)
        {
            var published = leaf.AtomicReader.GetNumericDocValues("published");
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                var value = published.Get(doc);
                if (value > previous) return false;
                previous = value;
            }
        }
        return true;
    }

    private List<(string Value, int Count)> Facet(string field, FixedBitSet hits) =>
        _facets[field].Select(f => (f.Value, Count: (int)FixedBitSet.IntersectionCount(hits, f.Docs)))
            .Where(f => f.Count > 0).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();

    /// <summary>One bit set of documents per value of a keyword field.</summary>
    private (string Value, FixedBitSet Docs)[] ValueBitSets(string field)
    {
        var sets = new Dictionary<string, FixedBitSet>(StringComparer.Ordinal);
        foreach (var leaf in _reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field);
            if (terms is null) continue;
            var values = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (values.MoveNext())
            {
                var value = values.Term.Utf8ToString();
                if (!sets.TryGetValue(value, out var set)) sets[value] = set = new FixedBitSet(_reader.MaxDoc);
                docs = values.Docs(leaf.AtomicReader.LiveDocs, docs);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(leaf.DocBase + doc);
            }
        }
        return sets.Select(s => (s.Key, s.Value)).ToArray();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private sealed class BitSetCollector(FixedBitSet hits) : ICollector
    {
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) { }

        public void Collect(int doc) => hits.Set(_docBase + doc);

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;
    }
}
