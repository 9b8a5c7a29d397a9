using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Registry.Application.Common;
using Registry.Application.Demands;

namespace Registry.Infrastructure.Search;

/// <summary>
/// The demand board's search index of one instance (decision 0012), in Lucene.NET 4.8: one document per published demand with
/// its search terms exactly as the database indexes them (<c>demands.terms</c>), keyword fields for the closed-list filters,
/// numeric fields for the budget and deadline ranges, and doc values for the orders.
/// <para>
/// A board holds demands in the hundreds of thousands, so a search is one Lucene query: the keywords (scored only for the
/// relevance order) filtered by the other conditions, collected by a top-k collector in the order asked for, which also
/// counts every match. No step reads a match's row; the page's rows are read from the database by key.
/// </para>
/// </summary>
public sealed class LuceneBoardSearchIndex(string? folder) : LuceneSearchIndex<BoardIndexDocument>(folder), IBoardSearchIndex
{
    /// <summary>A budget is kept in fen (hundredths of a yuan): the column has two decimals, so the ranges compare exactly.</summary>
    private const decimal Fen = 100m;

    protected override string Name => "demand board search index";

    protected override Guid KeyOf(BoardIndexDocument document) => document.Id;

    protected override Document ToDocument(BoardIndexDocument d)
    {
        var key = Key(d.Id);
        var budget = (long)(d.BudgetCeiling * Fen);
        var deadline = d.BidDeadline.UtcTicks;
        var document = new Document
        {
            new StringField("id", key, Field.Store.NO),
            new SortedDocValuesField("key", new BytesRef(key)),
            new TextField("text", d.Terms, Field.Store.NO),
            new StringField("status", d.Status, Field.Store.NO),
            new StringField("domain", d.Domain, Field.Store.NO),
            new StringField("modality", d.Modality, Field.Store.NO),
            new StringField("region", d.RegionCode, Field.Store.NO),
            new Int64Field("budget", budget, Field.Store.NO),
            new NumericDocValuesField("budget_order", budget),
            new Int64Field("deadline", deadline, Field.Store.NO),
            new NumericDocValuesField("deadline_order", deadline),
        };
        if (d.PreferredBaseId is { } baseId) document.Add(new StringField("base", Key(baseId), Field.Store.NO));
        return document;
    }

    public BoardIndexAnswer Search(BoardCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var c = criteria;
        if (c.Scope.IsNothing) return new BoardIndexAnswer(0, []);
        Query query = c.Terms.Count > 0 ? TextQuery(c.Terms) : new MatchAllDocsQuery();
        var filter = Conditions(c);
        var byRelevance = c.Order == BoardOrder.Relevance && c.Terms.Count > 0;
        var sort = c.Order switch
        {
            BoardOrder.Budget => new Sort(new SortField("budget_order", SortFieldType.INT64, true), new SortField("key", SortFieldType.STRING)),
            _ when byRelevance => new Sort(SortField.FIELD_SCORE, new SortField("deadline_order", SortFieldType.INT64), new SortField("key", SortFieldType.STRING)),
            _ => new Sort(new SortField("deadline_order", SortFieldType.INT64), new SortField("key", SortFieldType.STRING)),
        };
        return Read(searcher =>
        {
            // Ranking needs the count first: a relevance order over too many matches is refused before anything is scored.
            if (byRelevance)
            {
                var counter = new TotalHitCountCollector();
                searcher.Search(new ConstantScoreQuery(query), filter, counter);
                if (counter.TotalHits == 0 || counter.TotalHits > SearchLimits.RankableMatches || c.Offset >= counter.TotalHits)
                    return new BoardIndexAnswer(counter.TotalHits, []);
            }
            var top = searcher.Search(byRelevance ? query : new ConstantScoreQuery(query), filter, c.Offset + c.Limit, sort,
                doDocScores: false, doMaxScore: false);
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            var page = new List<Guid>(c.Limit);
            foreach (var hit in top.ScoreDocs.Skip(c.Offset))
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                leaf.AtomicReader.GetSortedDocValues("key").Get(hit.Doc - leaf.DocBase, bytes);
                page.Add(Guid.Parse(bytes.Utf8ToString()));
            }
            return new BoardIndexAnswer(top.TotalHits, page);
        });
    }

    /// <summary>Every condition but the keywords, as one filter (none when nothing narrows the board).</summary>
    private static Filter? Conditions(BoardCriteria c)
    {
        var all = new BooleanQuery();
        AnyOf(all, "status", c.Status);
        AnyOf(all, "domain", c.Domain);
        AnyOf(all, "modality", c.Modality);
        if (!c.Scope.IsEverything) all.Add(TermRangeQuery.NewStringRange("region", c.Scope.Low, c.Scope.High, true, true), Occur.MUST);
        if (c.BaseId is { } baseId) all.Add(new TermQuery(new Term("base", Key(baseId))), Occur.MUST);
        if (c.MinBudget is not null || c.MaxBudget is not null)
            all.Add(NumericRangeQuery.NewInt64Range("budget", InFen(c.MinBudget, Math.Ceiling), InFen(c.MaxBudget, Math.Floor), true, true), Occur.MUST);
        if (c.DeadlineFrom is not null || c.DeadlineTo is not null)
            all.Add(NumericRangeQuery.NewInt64Range("deadline", c.DeadlineFrom?.UtcTicks, c.DeadlineTo?.UtcTicks, true, true), Occur.MUST);
        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }

    private static void AnyOf(BooleanQuery all, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        var any = new BooleanQuery();
        foreach (var v in values) any.Add(new TermQuery(new Term(field, v)), Occur.SHOULD);
        all.Add(any, Occur.MUST);
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
