using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Registry.Infrastructure.Search;

/// <summary>
/// A search index answered by bit set algebra per segment (decision 0012, "As built"): the postings of each term and filter
/// value are read into bit sets (frequent terms and every value of a closed list cached per segment), intersected, and
/// counted; a page in a fixed order walks a per-segment permutation of the documents in that order until it has enough
/// matches, so the cost follows the page, not the number of matches. The per-segment caches are built before a merged segment
/// becomes visible (the merge warmer) or when a refresh opens a new one.
/// </summary>
public abstract class LuceneBitSetIndex<TDocument>(string? folder) : LuceneSearchIndex<TDocument>(folder)
{
    /// <summary>Frequent terms cached per segment at most: 256 bit sets are 32 MB per million documents.</summary>
    private const int MaxFrequentTerms = 256;

    private readonly ConditionalWeakTable<object, SegmentCache> _segments = new();
    private readonly ConditionalWeakTable<AtomicReader, FixedBitSet> _live = new();

    protected override IndexWriter.IndexReaderWarmer MergeWarmer => new Warmer(this);

    protected override SearcherFactory Searchers => new WarmingSearchers(this);

    /// <summary>Builds a segment's caches (its closed-list values and its orders) before searches need them.</summary>
    protected abstract void Warm(AtomicReader reader);

    protected SegmentCache Cache(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new SegmentCache());

    /// <summary>The live documents of a segment that match every set of <paramref name="conditions"/>: a set of the caller's own.</summary>
    protected FixedBitSet Matching(AtomicReader reader, Conjunction conditions)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(conditions);
        var live = _live.GetValue(reader, LiveDocs);
        if (conditions.Set is null) return live.Clone();
        var result = conditions.Owned ? conditions.Set : conditions.Set.Clone();
        result.And(live);
        return result;
    }

    /// <summary>Each segment's matches (the caller's own sets) and their total.</summary>
    protected static (FixedBitSet[] Hits, long Total) Segments(IList<AtomicReaderContext> leaves, Func<AtomicReader, FixedBitSet> matches)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(matches);
        var hits = new FixedBitSet[leaves.Count];
        long total = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            hits[i] = matches(leaves[i].AtomicReader);
            total += hits[i].Cardinality;
        }
        return (hits, total);
    }

    /// <summary>
    /// The page by BM25 over the full-text groups, among the matches already found; ties in <paramref name="ties"/>, then by the
    /// id held in the keyword doc values <paramref name="idField"/>, whose ids the page lists.
    /// </summary>
    protected static List<Guid> Ranked(IndexSearcher searcher, FixedBitSet[] hits, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> terms,
        SortField ties, string idField, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        var sort = new Sort(SortField.FIELD_SCORE, ties, new SortField(idField, SortFieldType.STRING));
        var top = searcher.Search(TextQuery(terms), new MatchesFilter(hits), offset + limit, sort, doDocScores: false, doMaxScore: false);
        var leaves = searcher.IndexReader.Leaves;
        var bytes = new BytesRef();
        var page = new List<Guid>(limit);
        foreach (var hit in top.ScoreDocs.Skip(offset))
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            leaf.AtomicReader.GetSortedDocValues(idField).Get(hit.Doc - leaf.DocBase, bytes);
            page.Add(Guid.Parse(bytes.Utf8ToString()));
        }
        return page;
    }

    /// <summary>The documents matching the full-text groups: every group, any alternative of a group, every term of an alternative.</summary>
    protected static FixedBitSet TextMatches(AtomicReader reader, SegmentCache cache, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(groups);
        var all = new Conjunction();
        foreach (var group in groups)
            all.And(Union(group.Select(alternative => Intersection(alternative.Select(t => TextDocs(reader, cache, t)), reader.MaxDoc)), reader.MaxDoc));
        return all.Set ?? Empty(reader.MaxDoc);
    }

    /// <summary>The documents holding any of <paramref name="values"/> in a closed-list keyword field, from the segment's cache.</summary>
    protected static FixedBitSet AnyValue(AtomicReader reader, SegmentCache cache, string field, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(cache);
        var sets = cache.Values(reader, field);
        return Union(values.Select(v => sets.GetValueOrDefault(v) ?? Empty(reader.MaxDoc)), reader.MaxDoc);
    }

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
    protected static FixedBitSet Postings(AtomicReader reader, Term term)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var set = new FixedBitSet(reader.MaxDoc);
        var docs = reader.GetTermDocsEnum(term);
        if (docs is null) return set;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) set.Set(doc);
        return set;
    }

    /// <summary>The documents whose keyword <paramref name="field"/> lies between two values, both included.</summary>
    protected static FixedBitSet RangeDocs(AtomicReader reader, string field, string low, string high)
    {
        ArgumentNullException.ThrowIfNull(reader);
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

    /// <summary>The documents whose numeric doc value lies between two bounds, both included (an absent bound: unbounded).</summary>
    protected static FixedBitSet NumericRangeDocs(AtomicReader reader, SegmentCache cache, string field, long? low, long? high)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(cache);
        var set = new FixedBitSet(reader.MaxDoc);
        var values = cache.Numbers(reader, field);
        var (from, to) = (low ?? long.MinValue, high ?? long.MaxValue);
        for (var doc = 0; doc < values.Length; doc++)
            if (values[doc] >= from && values[doc] <= to) set.Set(doc);
        return set;
    }

    private static FixedBitSet LiveDocs(AtomicReader reader)
    {
        var set = new FixedBitSet(reader.MaxDoc);
        var live = reader.LiveDocs;
        if (live is null)
        {
            set.Set(0, reader.MaxDoc);
            return set;
        }
        for (var doc = 0; doc < reader.MaxDoc; doc++)
            if (live.Get(doc)) set.Set(doc);
        return set;
    }

    protected static FixedBitSet Empty(int maxDoc) => new(maxDoc);

    /// <summary>The documents in any of the sets: the set itself when there is one (shared, not to be changed), otherwise a new one.</summary>
    protected static FixedBitSet Union(IEnumerable<FixedBitSet> sets, int maxDoc)
    {
        ArgumentNullException.ThrowIfNull(sets);
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
    protected static FixedBitSet Intersection(IEnumerable<FixedBitSet> sets, int maxDoc)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var all = new Conjunction();
        foreach (var set in sets) all.And(set);
        return all.Set ?? Empty(maxDoc);
    }

    /// <summary>
    /// The first <paramref name="need"/> matches of a segment in an order of its cache: a segment with few matches sorts them by
    /// their rank, otherwise the order's permutation is walked until enough are found, about <c>need × documents / matches</c> steps.
    /// </summary>
    protected static List<int> FirstInOrder(FixedBitSet matches, SegmentOrder order, int need)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(order);
        var count = matches.Cardinality;
        var chosen = new List<int>(Math.Min(need, count));
        if (count * 256L <= matches.Length)
        {
            for (var doc = matches.NextSetBit(0); doc >= 0; doc = doc + 1 < matches.Length ? matches.NextSetBit(doc + 1) : -1) chosen.Add(doc);
            chosen.Sort((a, b) => order.Rank[a].CompareTo(order.Rank[b]));
            if (chosen.Count > need) chosen.RemoveRange(need, chosen.Count - need);
            return chosen;
        }
        foreach (var doc in order.Documents)
        {
            if (!matches.Get(doc)) continue;
            chosen.Add(doc);
            if (chosen.Count == need) break;
        }
        return chosen;
    }

    /// <summary>
    /// A segment's documents ordered by a numeric key (ascending), equal keys by a keyword doc value's bytes (the ordinals of a
    /// segment's sorted doc values follow the bytes), with each document's position.
    /// </summary>
    protected static SegmentOrder Permutation(AtomicReader reader, Func<int, long> key, SortedDocValues tieBreak)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tieBreak);
        var maxDoc = reader.MaxDoc;
        var keys = new long[maxDoc];
        var order = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            keys[doc] = key(doc);
            order[doc] = doc;
        }
        Array.Sort(keys, order);
        for (int start = 0, end; start < maxDoc; start = end)
        {
            for (end = start + 1; end < maxDoc && keys[end] == keys[start]; end++) { }
            if (end - start > 1) Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => tieBreak.GetOrd(a).CompareTo(tieBreak.GetOrd(b))));
        }
        var rank = new int[maxDoc];
        for (var i = 0; i < maxDoc; i++) rank[order[i]] = i;
        return new SegmentOrder(order, rank);
    }

    /// <summary>A segment's documents in one order, and each document's position in it.</summary>
    protected sealed record SegmentOrder(int[] Documents, int[] Rank);

    /// <summary>An intersection built up set by set, copying the first set only when a second one comes.</summary>
    protected sealed class Conjunction
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

    /// <summary>Restricts a scoring query to the matches already found, segment by segment.</summary>
    private sealed class MatchesFilter(FixedBitSet[] hits) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) => hits[context.Ord];
    }

    /// <summary>What is kept per segment: it never changes, since a segment's documents never do (deletions are applied per search).</summary>
    protected sealed class SegmentCache
    {
        private readonly ConcurrentDictionary<string, Dictionary<string, FixedBitSet>> _values = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<SegmentOrder>> _orders = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long[]> _numbers = new(StringComparer.Ordinal);

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

        /// <summary>A numeric doc value field as a plain array, one value per document (0 for a document without one).</summary>
        public long[] Numbers(AtomicReader reader, string field) => _numbers.GetOrAdd(field, f =>
        {
            var values = reader.GetNumericDocValues(f);
            var numbers = new long[reader.MaxDoc];
            if (values is not null)
                for (var doc = 0; doc < numbers.Length; doc++) numbers[doc] = values.Get(doc);
            return numbers;
        });

        /// <summary>The segment's documents in the order called <paramref name="name"/>, built once.</summary>
        public SegmentOrder Order(AtomicReader reader, string name, Func<AtomicReader, SegmentOrder> build) =>
            _orders.GetOrAdd(name, _ => new Lazy<SegmentOrder>(() => build(reader))).Value;
    }

    private sealed class Warmer(LuceneBitSetIndex<TDocument> index) : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => index.Warm(reader);
    }

    /// <summary>Opens searchers with BM25, and warms the segments a refresh opens.</summary>
    private sealed class WarmingSearchers(LuceneBitSetIndex<TDocument> index) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves) index.Warm(leaf.AtomicReader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }
}
