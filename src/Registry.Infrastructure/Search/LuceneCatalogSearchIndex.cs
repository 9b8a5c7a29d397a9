using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Registry.Application.Catalog;
using Registry.Application.Common;

namespace Registry.Infrastructure.Search;

/// <summary>
/// The catalog search index of one instance (decision 0012), in Lucene.NET 4.8: one document per published entry with the
/// entry's search terms exactly as the database indexes them (<c>catalog_directory.terms</c>, split on spaces, so both engines
/// find the same entries), keyword fields for the filters, and doc values for the orders.
/// <para>
/// A search is bit set algebra per segment, not a scoring pass over every match: the postings of each term and filter value
/// are read into bit sets (frequent ones and every facet value cached per segment), intersected, and counted against each
/// facet value's bit set. The newest-first page walks a per-segment permutation of the documents, newest first, until it has
/// enough matches; so the cost follows the page, not the number of matches. Only <c>sort=relevance</c> scores, with BM25,
/// and only within <see cref="SearchLimits.RankableMatches"/> matches. The per-segment caches are built before a merged
/// segment becomes visible (the merge warmer) or when a refresh opens a new one.
/// </para>
/// </summary>
public sealed class LuceneCatalogSearchIndex(string? folder) : LuceneSearchIndex<CatalogIndexDocument>(folder), ICatalogSearchIndex
{
    /// <summary>The keyword fields whose values are kept as bit sets: the three facets and the two other closed lists.</summary>
    private static readonly string[] ValueFields = ["domain", "security_level", "modality", "task_type", "openness"];

    private readonly ConditionalWeakTable<object, SegmentCache> _segments = new();
    private readonly ConditionalWeakTable<AtomicReader, FixedBitSet> _live = new();

    protected override string Name => "catalog search index";

    protected override IndexWriter.IndexReaderWarmer MergeWarmer => new Warmer(this);

    protected override SearcherFactory Searchers => new WarmingSearchers(this);

    protected override Guid KeyOf(CatalogIndexDocument document) => document.EntryId;

    protected override Document ToDocument(CatalogIndexDocument d)
    {
        var key = Key(d.EntryId);
        var document = new Document
        {
            new StringField("id", key, Field.Store.NO),
            new SortedDocValuesField("entry", new BytesRef(key)),
            new NumericDocValuesField("published", d.PublishedAt.UtcTicks),
            new TextField("text", d.Terms, Field.Store.NO),
            new StringField("domain", d.Domain, Field.Store.NO),
            new StringField("security_level", d.SecurityLevel, Field.Store.NO),
            new StringField("openness", d.Openness, Field.Store.NO),
            new StringField("region", d.RegionCode, Field.Store.NO),
            new StringField("agency", Key(d.AgencyId), Field.Store.NO),
        };
        foreach (var m in d.Modalities.Distinct(StringComparer.Ordinal)) document.Add(new StringField("modality", m, Field.Store.NO));
        foreach (var t in d.TaskTypes.Distinct(StringComparer.Ordinal)) document.Add(new StringField("task_type", t, Field.Store.NO));
        return document;
    }

    public CatalogIndexAnswer Search(CatalogCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var query = criteria;
        return Read(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var hits = new FixedBitSet[leaves.Count];
            long total = 0;
            for (var i = 0; i < leaves.Count; i++)
            {
                hits[i] = Matches(leaves[i].AtomicReader, query);
                total += hits[i].Cardinality;
            }
            if (total == 0) return new CatalogIndexAnswer(0, [], new CatalogFacets([], [], []));
            var facets = new CatalogFacets(Facet(leaves, hits, "domain"), Facet(leaves, hits, "modality"), Facet(leaves, hits, "security_level"));
            IReadOnlyList<Guid> page;
            if (query.Offset >= total) page = [];
            else if (query.ByRelevance && query.Terms.Count > 0)
                page = total > SearchLimits.RankableMatches ? [] : ByRelevance(searcher, leaves, hits, query);
            else page = NewestFirst(leaves, hits, query.Offset, query.Limit);
            return new CatalogIndexAnswer((int)total, page, facets);
        });
    }

    /// <summary>The live documents of a segment that match every condition of the query.</summary>
    private FixedBitSet Matches(AtomicReader reader, CatalogCriteria q)
    {
        var cache = Cache(reader);
        var matches = new Conjunction();
        foreach (var group in q.Terms)
            matches.And(Union(group.Select(alternative => Intersection(alternative.Select(t => TextDocs(reader, cache, t)), reader.MaxDoc)), reader.MaxDoc));
        foreach (var (field, values) in new[] { ("domain", q.Domain), ("modality", q.Modality), ("task_type", q.TaskType), ("security_level", q.SecurityLevel), ("openness", q.Openness) })
            if (values.Count > 0) matches.And(Union(values.Select(v => cache.Values(reader, field).GetValueOrDefault(v) ?? Empty(reader.MaxDoc)), reader.MaxDoc));
        if (!q.Scope.IsEverything) matches.And(RangeDocs(reader, "region", q.Scope.Low, q.Scope.High));
        if (q.AgencyId is { } agency) matches.And(Postings(reader, new Term("agency", Key(agency))));
        var live = Live(reader);
        if (matches.Set is null) return live.Clone();
        var result = matches.Owned ? matches.Set : matches.Set.Clone();
        result.And(live);
        return result;
    }

    /// <summary>Frequent terms cached per segment at most: 256 bit sets are 32 MB per million entries.</summary>
    private const int MaxFrequentTerms = 256;

    /// <summary>
    /// The documents of a search term: read from its postings, or, for a term in more than a sixteenth of the segment, cached
    /// (shared: not to be changed), up to <see cref="MaxFrequentTerms"/> terms per segment.
    /// </summary>
    private static FixedBitSet TextDocs(AtomicReader reader, SegmentCache cache, string text)
    {
        var term = new Term("text", text);
        if (reader.DocFreq(term) * 16L <= reader.MaxDoc) return Postings(reader, term);
        if (cache.FrequentTerms.TryGetValue(text, out var cached)) return cached;
        var docs = Postings(reader, term);
        return cache.FrequentTerms.Count < MaxFrequentTerms ? cache.FrequentTerms.GetOrAdd(text, docs) : docs;
    }

    /// <summary>Every document (deleted ones too) holding the term; the live documents are applied at the end.</summary>
    private static FixedBitSet Postings(AtomicReader reader, Term term)
    {
        var set = new FixedBitSet(reader.MaxDoc);
        var docs = reader.GetTermDocsEnum(term);
        if (docs is null) return set;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(doc);
        return set;
    }

    /// <summary>The documents whose keyword <paramref name="field"/> lies between two values, both included.</summary>
    private static FixedBitSet RangeDocs(AtomicReader reader, string field, string low, string high)
    {
        var set = new FixedBitSet(reader.MaxDoc);
        if (string.CompareOrdinal(low, high) > 0) return set;
        var terms = reader.GetTerms(field);
        if (terms is null) return set;
        var values = terms.GetEnumerator();
        var last = new BytesRef(high);
        if (values.SeekCeil(new BytesRef(low)) == TermsEnum.SeekStatus.END) return set;
        DocsEnum? docs = null;
        do
        {
            if (values.Term.CompareTo(last) > 0) break;
            docs = values.Docs(null, docs);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(doc);
        }
        while (values.MoveNext());
        return set;
    }

    private FixedBitSet Live(AtomicReader reader) => _live.GetValue(reader, r =>
    {
        var set = new FixedBitSet(r.MaxDoc);
        var live = r.LiveDocs;
        if (live is null)
        {
            set.Set(0, r.MaxDoc);
            return set;
        }
        for (var doc = 0; doc < r.MaxDoc; doc++)
            if (live.Get(doc)) set.Set(doc);
        return set;
    });

    private static FixedBitSet Empty(int maxDoc) => new(maxDoc);

    /// <summary>The documents in any of the sets: the set itself when there is one (shared, not to be changed), otherwise a new one.</summary>
    private static FixedBitSet Union(IEnumerable<FixedBitSet> sets, int maxDoc)
    {
        FixedBitSet? union = null;
        var owned = false;
        foreach (var set in sets)
        {
            if (union is null)
            {
                union = set;
                continue;
            }
            if (!owned)
            {
                union = union.Clone();
                owned = true;
            }
            union.Or(set);
        }
        return union ?? Empty(maxDoc);
    }

    /// <summary>The documents in every set, as <see cref="Union"/> shares or copies.</summary>
    private static FixedBitSet Intersection(IEnumerable<FixedBitSet> sets, int maxDoc)
    {
        var all = new Conjunction();
        foreach (var set in sets) all.And(set);
        return all.Set ?? Empty(maxDoc);
    }

    /// <summary>An intersection built up set by set, copying the first set only when a second one comes.</summary>
    private sealed class Conjunction
    {
        public FixedBitSet? Set { get; private set; }

        public bool Owned { get; private set; }

        public void And(FixedBitSet set)
        {
            if (Set is null)
            {
                Set = set;
                return;
            }
            if (!Owned)
            {
                Set = Set.Clone();
                Owned = true;
            }
            Set.And(set);
        }
    }

    /// <summary>Counts per value of a facet over the matches, largest first, then by value; values without a match left out.</summary>
    private List<FacetCount> Facet(IList<AtomicReaderContext> leaves, FixedBitSet[] hits, string field)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < leaves.Count; i++)
        {
            if (hits[i].Cardinality == 0) continue;
            foreach (var (value, docs) in Cache(leaves[i].AtomicReader).Values(leaves[i].AtomicReader, field))
            {
                var count = FixedBitSet.IntersectionCount(hits[i], docs);
                if (count > 0) counts[value] = counts.GetValueOrDefault(value) + count;
            }
        }
        return counts.Select(c => new FacetCount { Value = c.Key, Count = (int)c.Value })
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The page newest first (then by entry id, as the database orders): from each segment its first <c>offset + limit</c> matches
    /// in that order, merged. A segment with few matches sorts them; otherwise its newest-first permutation is walked until
    /// enough are found, which takes about <c>(offset + limit) × documents / matches</c> steps.
    /// </summary>
    private List<Guid> NewestFirst(IList<AtomicReaderContext> leaves, FixedBitSet[] hits, int offset, int limit)
    {
        var need = offset + limit;
        var candidates = new List<(long Published, string Entry)>();
        for (var i = 0; i < leaves.Count; i++)
        {
            var reader = leaves[i].AtomicReader;
            var matches = hits[i];
            var count = matches.Cardinality;
            if (count == 0) continue;
            var cache = Cache(reader);
            var chosen = new List<int>(Math.Min(need, count));
            if (count * 256L <= reader.MaxDoc)
            {
                var rank = cache.Rank(reader);
                for (var doc = matches.NextSetBit(0); doc >= 0; doc = doc + 1 < matches.Length ? matches.NextSetBit(doc + 1) : -1) chosen.Add(doc);
                chosen.Sort((a, b) => rank[a].CompareTo(rank[b]));
                if (chosen.Count > need) chosen.RemoveRange(need, chosen.Count - need);
            }
            else
            {
                foreach (var doc in cache.Order(reader))
                {
                    if (!matches.Get(doc)) continue;
                    chosen.Add(doc);
                    if (chosen.Count == need) break;
                }
            }
            var published = reader.GetNumericDocValues("published");
            var entries = reader.GetSortedDocValues("entry");
            var bytes = new BytesRef();
            foreach (var doc in chosen)
            {
                entries.Get(doc, bytes);
                candidates.Add((published.Get(doc), bytes.Utf8ToString()));
            }
        }
        return candidates.OrderByDescending(c => c.Published).ThenBy(c => c.Entry, StringComparer.Ordinal)
            .Skip(offset).Take(limit).Select(c => Guid.Parse(c.Entry)).ToList();
    }

    /// <summary>The page by BM25 over the full-text terms, among the matches; ties newest first, then by entry id.</summary>
    private static List<Guid> ByRelevance(IndexSearcher searcher, IList<AtomicReaderContext> leaves, FixedBitSet[] hits, CatalogCriteria q)
    {
        var text = TextQuery(q.Terms);
        var sort = new Sort(SortField.FIELD_SCORE, new SortField("published", SortFieldType.INT64, true), new SortField("entry", SortFieldType.STRING));
        var top = searcher.Search(text, new MatchesFilter(hits), q.Offset + q.Limit, sort, doDocScores: false, doMaxScore: false);
        var bytes = new BytesRef();
        var page = new List<Guid>(q.Limit);
        foreach (var hit in top.ScoreDocs.Skip(q.Offset))
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            leaf.AtomicReader.GetSortedDocValues("entry").Get(hit.Doc - leaf.DocBase, bytes);
            page.Add(Guid.Parse(bytes.Utf8ToString()));
        }
        return page;
    }

    /// <summary>Restricts a scoring query to the matches already found, segment by segment.</summary>
    private sealed class MatchesFilter(FixedBitSet[] hits) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) => hits[context.Ord];
    }

    private SegmentCache Cache(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new SegmentCache());

    /// <summary>Builds a segment's caches before searches need them.</summary>
    private void Warm(AtomicReader reader)
    {
        var cache = Cache(reader);
        cache.Order(reader);
        foreach (var field in ValueFields) cache.Values(reader, field);
    }

    /// <summary>What is kept per segment: it never changes, since a segment's documents never do (deletions are applied per search).</summary>
    private sealed class SegmentCache
    {
        private readonly ConcurrentDictionary<string, Dictionary<string, FixedBitSet>> _values = new(StringComparer.Ordinal);
        private readonly object _orderLock = new();
        private int[]? _order;
        private int[]? _rank;

        public ConcurrentDictionary<string, FixedBitSet> FrequentTerms { get; } = new(StringComparer.Ordinal);

        /// <summary>One bit set per value of a keyword field.</summary>
        public Dictionary<string, FixedBitSet> Values(AtomicReader reader, string field) => _values.GetOrAdd(field, f =>
        {
            var sets = new Dictionary<string, FixedBitSet>(StringComparer.Ordinal);
            var terms = reader.GetTerms(f);
            if (terms is null) return sets;
            var values = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (values.MoveNext())
            {
                var set = new FixedBitSet(reader.MaxDoc);
                docs = values.Docs(null, docs);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(doc);
                sets[values.Term.Utf8ToString()] = set;
            }
            return sets;
        });

        /// <summary>The segment's documents newest first, then by entry id.</summary>
        public int[] Order(AtomicReader reader)
        {
            if (_order is null) Build(reader);
            return _order!;
        }

        /// <summary>Each document's position in <see cref="Order"/>.</summary>
        public int[] Rank(AtomicReader reader)
        {
            if (_rank is null) Build(reader);
            return _rank!;
        }

        private void Build(AtomicReader reader)
        {
            lock (_orderLock)
            {
                if (_order is not null) return;
                var maxDoc = reader.MaxDoc;
                var published = reader.GetNumericDocValues("published");
                var entries = reader.GetSortedDocValues("entry");
                var keys = new long[maxDoc];
                var order = new int[maxDoc];
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    keys[doc] = -published.Get(doc);
                    order[doc] = doc;
                }
                Array.Sort(keys, order);
                // Equal times (rare) are ordered by entry id: the ordinals of a segment's sorted doc values follow the bytes.
                for (int start = 0, end; start < maxDoc; start = end)
                {
                    for (end = start + 1; end < maxDoc && keys[end] == keys[start]; end++) { }
                    if (end - start > 1) Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => entries.GetOrd(a).CompareTo(entries.GetOrd(b))));
                }
                var rank = new int[maxDoc];
                for (var i = 0; i < maxDoc; i++) rank[order[i]] = i;
                _rank = rank;
                _order = order;
            }
        }
    }

    private sealed class Warmer(LuceneCatalogSearchIndex index) : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => index.Warm(reader);
    }

    /// <summary>Opens searchers with BM25, and warms the segments a refresh opens.</summary>
    private sealed class WarmingSearchers(LuceneCatalogSearchIndex index) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves) index.Warm(leaf.AtomicReader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }
}
