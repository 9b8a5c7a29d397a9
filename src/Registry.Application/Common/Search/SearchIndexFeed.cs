using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common.Projections;

namespace Registry.Application.Common.Search;

/// <summary>
/// This instance's copy of one table of documents in a search index (decision 0012): loaded whole from the database, then
/// changed document by document, each change as of an outbox sequence.
/// </summary>
public interface ISearchIndex<in TDocument>
{
    /// <summary>Whether it has been loaded; until then the database answers.</summary>
    bool Loaded { get; }

    /// <summary>The outbox sequence the index reflects at least.</summary>
    long Sequence { get; }

    /// <summary>How many documents it holds.</summary>
    int Count { get; }

    /// <summary>Replaces everything with <paramref name="documents"/>, as of the outbox sequence read before they were.</summary>
    Task LoadAsync(IAsyncEnumerable<TDocument> documents, long sequence, CancellationToken ct);

    /// <summary>Adds or replaces <paramref name="upserts"/> and removes <paramref name="removals"/>; visible to the next search.</summary>
    void Apply(IReadOnlyCollection<TDocument> upserts, IReadOnlyCollection<Guid> removals, long sequence);
}

/// <summary>
/// Loads an <see cref="ISearchIndex{TDocument}"/> from its table and keeps it equal to it from the outbox: each event a
/// subclass recognizes names the documents to read again (present: replaced; absent: removed), so applying an event twice
/// changes nothing. Like <see cref="Matching.MatchingFeed"/> it keeps no cursor: each instance follows the outbox itself from
/// the sequence it loaded at (read before the rows, so nothing committed during the load is missed), and a restart loads
/// again.
/// <para>
/// A search catches up before it reads, so a writer finds its own change at once; one catch-up runs at a time and the
/// others wait for it, which costs one indexed outbox read when nothing is new. While the index loads, searches are answered
/// by the database.
/// </para>
/// </summary>
public abstract class SearchIndexFeed<TDocument>(IServiceScopeFactory scopes, ISearchIndex<TDocument> index, bool loadOnDemand) : IDisposable
{
    /// <summary>Events read per round.</summary>
    public const int BatchSize = 500;

    /// <summary>Rows read per statement while loading.</summary>
    public const int LoadChunk = 5_000;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private volatile bool _loading;

    /// <summary>
    /// Brings the index up to the outbox's head as it is now and says whether it can answer: false while it loads (or, when
    /// <paramref name="load"/> is false and the index does not load on demand, before it has loaded).
    /// </summary>
    public async Task<bool> CatchUpAsync(bool load, CancellationToken ct)
    {
        if (_loading || (!index.Loaded && !load && !loadOnDemand)) return false;
        await _turn.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IReadDb>();
            if (!index.Loaded)
            {
                _loading = true;
                try
                {
                    // The head first: whatever commits while the rows are read comes after it, and is applied again below.
                    var head = await db.ScalarAsync<long?>(ProjectionCursors.HeadSql, null, ct) ?? 0;
                    await index.LoadAsync(AllAsync(db, ct), head, ct);
                }
                finally
                {
                    _loading = false;
                }
            }
            while (await ApplyBatchAsync(db, ct)) { }
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Every document of the table, read in chunks of <see cref="LoadChunk"/> in key order, so that the memory of a load stays bounded.</summary>
    protected abstract IAsyncEnumerable<TDocument> AllAsync(IQueryDb db, CancellationToken ct);

    /// <summary>
    /// The rows of a statement taking <c>@after</c> (a key), <c>@offset</c> and <c>@limit</c>, read in chunks of
    /// <see cref="LoadChunk"/> in key order from the first key on, each made a document.
    /// </summary>
    protected static async IAsyncEnumerable<TDocument> ChunksAsync<TRow>(IQueryDb db, Sql chunkSql, Func<TRow, Guid> key,
        Func<TRow, TDocument> document, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(document);
        var after = Guid.Empty;
        while (true)
        {
            var rows = await db.QueryAsync<TRow>(chunkSql, new { after, offset = 0, limit = LoadChunk }, ct);
            foreach (var row in rows) yield return document(row);
            if (rows.Count < LoadChunk) yield break;
            after = key(rows[^1]);
        }
    }

    /// <summary>What a batch of events changed: the documents to add or replace, and the ids to remove (read again and found absent).</summary>
    protected abstract Task<(IReadOnlyCollection<TDocument> Upserts, IReadOnlyCollection<Guid> Removals)> ChangesAsync(
        IQueryDb db, IReadOnlyList<StoredEvent> batch, CancellationToken ct);

    private async Task<bool> ApplyBatchAsync(IQueryDb db, CancellationToken ct)
    {
        var after = index.Sequence;
        var events = await db.QueryAsync<StoredEvent>(ProjectionCursors.EventsSql, new { after, offset = 0, limit = BatchSize }, ct);
        // Sequences are gap-free in commit order; a gap is a commit not yet visible here, so the batch ends before it.
        var batch = events.TakeWhile((e, i) => e.Seq == after + 1 + i).ToList();
        if (batch.Count == 0) return false;
        var (upserts, removals) = await ChangesAsync(db, batch, ct);
        index.Apply(upserts, removals, batch[^1].Seq);
        return true;
    }

    public void Dispose()
    {
        _turn.Dispose();
        GC.SuppressFinalize(this);
    }
}
