using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Registry.Application.Common;
using Registry.Application.Demands;

namespace Registry.Infrastructure.Search;

/// <summary>
/// The demand board's search index of one instance (decision 0012), in Lucene.NET 4.8: one document per published demand with
/// its search terms exactly as the database indexes them (<c>demands.terms</c>), keyword fields for the closed-list filters and
/// the base, and doc values for the budget and deadline (their ranges and orders) and the id (the last key of every order).
/// <para>
/// A search is bit set algebra per segment like the catalog's (<see cref="LuceneBitSetIndex{TDocument}"/>): the total is the
/// cardinality of the matches, and a page by deadline or by budget walks the segment's permutation in that order until it has
/// its matches. Only <c>sort=relevance</c> scores, with BM25, and only within <see cref="SearchLimits.RankableMatches"/> matches.
/// </para>
/// </summary>
public sealed class LuceneBoardSearchIndex(string? folder) : LuceneBitSetIndex<BoardIndexDocument>(folder), IBoardSearchIndex
{
    /// <summary>A budget is kept in fen (hundredths of a yuan): the column has two decimals, so the ranges compare exactly.</summary>
    private const decimal Fen = 100m;

    /// <summary>The closed-list keyword fields whose values are kept as bit sets.</summary>
    private static readonly string[] ValueFields = ["status", "domain", "modality"];

    protected override string Name => "demand board search index";

    protected override Guid KeyOf(BoardIndexDocument document) => document.Id;

    protected override Document ToDocument(BoardIndexDocument d)
    {
        var key = Key(d.Id);
        var document = new Document
        {
            new StringField("id", key, Field.Store.NO),
            new SortedDocValuesField("key", new BytesRef(key)),
            new TextField("text", d.Terms, Field.Store.NO),
            new StringField("status", d.Status, Field.Store.NO),
            new StringField("domain", d.Domain, Field.Store.NO),
            new StringField("modality", d.Modality, Field.Store.NO),
            new StringField("region", d.RegionCode, Field.Store.NO),
            new NumericDocValuesField("budget", (long)(d.BudgetCeiling * Fen)),
            new NumericDocValuesField("deadline", d.BidDeadline.UtcTicks),
        };
        if (d.PreferredBaseId is { } baseId) document.Add(new StringField("base", Key(baseId), Field.Store.NO));
        return document;
    }

    public BoardIndexAnswer Search(BoardCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var c = criteria;
        return Read(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var (hits, total) = Segments(leaves, reader => Matches(reader, c));
            if (total == 0 || c.Offset >= total) return new BoardIndexAnswer((int)total, []);
            IReadOnlyList<Guid> page = c.Order == BoardOrder.Relevance && c.Terms.Count > 0
                ? total > SearchLimits.RankableMatches ? [] : Ranked(searcher, hits, c.Terms, new SortField("deadline", SortFieldType.INT64), "key", c.Offset, c.Limit)
                : InOrder(leaves, hits, c.Order == BoardOrder.Budget, c.Offset, c.Limit);
            return new BoardIndexAnswer((int)total, page);
        });
    }

    /// <summary>The live documents of a segment that match every condition of the search.</summary>
    private FixedBitSet Matches(AtomicReader reader, BoardCriteria c)
    {
        var cache = Cache(reader);
        var matches = new Conjunction();
        if (c.Terms.Count > 0) matches.And(TextMatches(reader, cache, c.Terms));
        foreach (var (field, values) in new[] { ("status", c.Status), ("domain", c.Domain), ("modality", c.Modality) })
            if (values.Count > 0) matches.And(AnyValue(reader, cache, field, values));
        if (!c.Scope.IsEverything) matches.And(RangeDocs(reader, "region", c.Scope.Low, c.Scope.High));
        if (c.BaseId is { } baseId) matches.And(Postings(reader, new Term("base", Key(baseId))));
        if (c.MinBudget is not null || c.MaxBudget is not null)
            matches.And(NumericRangeDocs(reader, cache, "budget", InFen(c.MinBudget, Math.Ceiling), InFen(c.MaxBudget, Math.Floor)));
        if (c.DeadlineFrom is not null || c.DeadlineTo is not null)
            matches.And(NumericRangeDocs(reader, cache, "deadline", c.DeadlineFrom?.UtcTicks, c.DeadlineTo?.UtcTicks));
        return Matching(reader, matches);
    }

    /// <summary>
    /// The page by deadline (soonest first) or by budget (largest first), then by id, as the database orders: from each segment
    /// its first <c>offset + limit</c> matches in that order, merged.
    /// </summary>
    private List<Guid> InOrder(IList<AtomicReaderContext> leaves, FixedBitSet[] hits, bool byBudget, int offset, int limit)
    {
        var need = offset + limit;
        var field = byBudget ? "budget" : "deadline";
        var candidates = new List<(long Key, string Id)>();
        for (var i = 0; i < leaves.Count; i++)
        {
            if (hits[i].Cardinality == 0) continue;
            var reader = leaves[i].AtomicReader;
            var values = reader.GetNumericDocValues(field);
            var ids = reader.GetSortedDocValues("key");
            var bytes = new BytesRef();
            foreach (var doc in FirstInOrder(hits[i], Order(reader, byBudget), need))
            {
                ids.Get(doc, bytes);
                candidates.Add((byBudget ? -values.Get(doc) : values.Get(doc), bytes.Utf8ToString()));
            }
        }
        return candidates.OrderBy(c => c.Key).ThenBy(c => c.Id, StringComparer.Ordinal).Skip(offset).Take(limit).Select(c => Guid.Parse(c.Id)).ToList();
    }

    /// <summary>The segment's documents by deadline or by budget (largest first), then by id.</summary>
    private SegmentOrder Order(AtomicReader reader, bool byBudget) => Cache(reader).Order(reader, byBudget ? "budget" : "deadline", r =>
    {
        var values = Cache(r).Numbers(r, byBudget ? "budget" : "deadline");
        return Permutation(r, byBudget ? doc => -values[doc] : doc => values[doc], r.GetSortedDocValues("key"));
    });

    protected override void Warm(AtomicReader reader)
    {
        Order(reader, byBudget: false);
        Order(reader, byBudget: true);
        var cache = Cache(reader);
        foreach (var field in ValueFields) cache.Values(reader, field);
        cache.Numbers(reader, "budget");
        cache.Numbers(reader, "deadline");
    }

    /// <summary>
    /// A budget bound in fen, rounded inwards (a minimum of 100.001 yuan admits 100.01 and up), held within the range of a
    /// 64-bit number so that an absurd bound matches everything or nothing rather than overflowing.
    /// </summary>
    private static long? InFen(decimal? yuan, Func<decimal, decimal> round)
    {
        if (yuan is not { } value) return null;
        if (value >= long.MaxValue / Fen) return long.MaxValue;
        if (value <= long.MinValue / Fen) return long.MinValue;
        return (long)round(value * Fen);
    }
}
