using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Application.Common.Projections;

namespace Registry.Application.Catalog;

/// <summary>
/// Loads this instance's <see cref="ICatalogSearchIndex"/> from <c>catalog_directory</c> and keeps it equal to it from the
/// outbox: for every <c>catalog.published</c> or <c>catalog.withdrawn</c> event the entry's directory row is read again
/// (present: replaced; absent: removed), and for an agency's <c>organization.identity_changed</c> every entry of the agency, so
/// applying an event twice changes nothing. Like <see cref="Matching.MatchingFeed"/> it keeps no cursor: each instance
/// follows the outbox itself from the sequence it loaded at (read before the rows, so nothing committed during the load is
/// missed), and a restart loads again.
/// <para>
/// A search catches up before it reads, so a writer finds its own change at once; one catch-up runs at a time and the
/// others wait for it, which costs one indexed outbox read when nothing is new. While the index loads, searches are answered
/// by the database.
/// </para>
/// </summary>
public sealed class CatalogSearchFeed(IServiceScopeFactory scopes, ICatalogSearchIndex index, CatalogSearchOptions options) : IDisposable
{
    /// <summary>Events read per round.</summary>
    public const int BatchSize = 500;

    /// <summary>Directory rows read per statement while loading.</summary>
    public const int LoadChunk = 5_000;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private volatile bool _loading;

    /// <summary>
    /// Brings the index up to the outbox's head as it is now and says whether it can answer: false while it loads (or, when
    /// <paramref name="load"/> is false and <see cref="CatalogSearchOptions.LoadOnDemand"/> is off, before it has loaded).
    /// </summary>
    public async Task<bool> CatchUpAsync(bool load, CancellationToken ct)
    {
        if (_loading || (!index.Loaded && !load && !options.LoadOnDemand)) return false;
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

    /// <summary>Every directory row, read in chunks in key order, so that the memory of a load stays bounded.</summary>
    private static async IAsyncEnumerable<CatalogIndexDocument> AllAsync(IQueryDb db, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var rows = await db.QueryAsync<Row>(ChunkSql, new { after, offset = 0, limit = LoadChunk }, ct);
            foreach (var row in rows) yield return row.ToDocument();
            if (rows.Count < LoadChunk) yield break;
            after = rows[^1].EntryId;
        }
    }

    private async Task<bool> ApplyBatchAsync(IQueryDb db, CancellationToken ct)
    {
        var after = index.Sequence;
        var events = await db.QueryAsync<StoredEvent>(ProjectionCursors.EventsSql, new { after, offset = 0, limit = BatchSize }, ct);
        // Sequences are gap-free in commit order; a gap is a commit not yet visible here, so the batch ends before it.
        var batch = events.TakeWhile((e, i) => e.Seq == after + 1 + i).ToList();
        if (batch.Count == 0) return false;

        var entries = new HashSet<Guid>();
        var agencies = new HashSet<Guid>();
        foreach (var e in batch)
        {
            if (!Guid.TryParse(e.EntityId, out var id)) continue;
            if (e.Type is "catalog.published" or "catalog.withdrawn") entries.Add(id);
            else if (e.Type == "organization.identity_changed") agencies.Add(id);
        }

        var upserts = new Dictionary<Guid, CatalogIndexDocument>();
        foreach (var id in entries)
            if (await db.QuerySingleOrDefaultAsync<Row>(ByIdSql, new { id }, ct) is { } row) upserts[id] = row.ToDocument();
        foreach (var agency in agencies)
            foreach (var row in await db.QueryAsync<Row>(ByAgencySql, new { agency }, ct)) upserts[row.EntryId] = row.ToDocument();
        index.Apply(upserts.Values, entries.Where(id => !upserts.ContainsKey(id)).ToList(), batch[^1].Seq);
        return true;
    }

    public void Dispose() => _turn.Dispose();

    private const string Columns = """
        entry_id, terms, domain, modalities, task_types, security_level, openness, region_code, agency_id, published_at
        """;

    private static readonly Sql ChunkSql = new(d => $"select {Columns} from catalog_directory where entry_id > @after order by entry_id {d.Page}");
    private static readonly Sql ByIdSql = new($"select {Columns} from catalog_directory where entry_id = @id");
    private static readonly Sql ByAgencySql = new($"select {Columns} from catalog_directory where agency_id = @agency");

    private sealed class Row
    {
        public Guid EntryId { get; init; }
        public string Terms { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modalities { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public string SecurityLevel { get; init; } = "";
        public string Openness { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid AgencyId { get; init; }
        public DateTimeOffset PublishedAt { get; init; }

        public CatalogIndexDocument ToDocument() => new(EntryId, Terms, Domain, Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), SecurityLevel, Openness, RegionCode, AgencyId, PublishedAt);
    }
}
