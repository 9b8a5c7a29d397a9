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
public sealed class LuceneCatalogSearchIndex(string? folder) : LuceneBitSetIndex<CatalogIndexDocument>(folder), ICatalogSearchIndex
{
    /// <summary>The keyword fields whose values are kept as bit sets: the three facets and the two other closed lists.</summary>
    private static readonly string[] ValueFields = ["domain", "security_level", "modality", "task_type", "openness"];

    protected override string Name => "catalog search index";

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
            var (hits, total) = Segments(leaves, reader => Matches(reader, query));
            if (total == 0) return new CatalogIndexAnswer(0, [], new CatalogFacets([], [], []));
            var facets = new CatalogFacets(Facet(leaves, hits, "domain"), Facet(leaves, hits, "modality"), Facet(leaves, hits, "security_level"));
            IReadOnlyList<Guid> page;
            if (query.Offset >= total) page = [];
            else if (query.ByRelevance && query.Terms.Count > 0)
                page = total > SearchLimits.RankableMatches ? [] : Ranked(searcher, hits, query.Terms,
                    new SortField("published", SortFieldType.INT64, true), "entry", query.Offset, query.Limit);
            else page = NewestFirst(leaves, hits, query.Offset, query.Limit);
            return new CatalogIndexAnswer((int)total, page, facets);
        });
    }

    /// <summary>The live documents of a segment that match every condition of the query.</summary>
    private FixedBitSet Matches(AtomicReader reader, CatalogCriteria q)
    {
        var cache = Cache(reader);
        var matches = new Conjunction();
        if (q.Terms.Count > 0) matches.And(TextMatches(reader, cache, q.Terms));
        foreach (var (field, values) in new[] { ("domain", q.Domain), ("modality", q.Modality), ("task_type", q.TaskType), ("security_level", q.SecurityLevel), ("openness", q.Openness) })
            if (values.Count > 0) matches.And(AnyValue(reader, cache, field, values));
        if (!q.Scope.IsEverything) matches.And(RangeDocs(reader, "region", q.Scope.Low, q.Scope.High));
        if (q.AgencyId is { } agency) matches.And(Postings(reader, new Term("agency", Key(agency))));
        return Matching(reader, matches);
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
            if (hits[i].Cardinality == 0) continue;
            var chosen = FirstInOrder(hits[i], NewestFirstOrder(reader), need);
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

    /// <summary>The segment's documents newest first, then by entry id, as the database orders.</summary>
    private SegmentOrder NewestFirstOrder(AtomicReader reader) => Cache(reader).Order(reader, "newest", r =>
    {
        var published = r.GetNumericDocValues("published");
        return Permutation(r, doc => -published.Get(doc), r.GetSortedDocValues("entry"));
    });

    protected override void Warm(AtomicReader reader)
    {
        NewestFirstOrder(reader);
        foreach (var field in ValueFields) Cache(reader).Values(reader, field);
    }
}
