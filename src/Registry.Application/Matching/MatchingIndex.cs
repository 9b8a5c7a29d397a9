using Registry.Domain.Matching;

namespace Registry.Application.Matching;

/// <summary>The outbox sequence (and the time of that event) an answer of the matching index reflects.</summary>
/// <param name="Sequence">The last outbox event applied; 0 before any.</param>
public sealed record IndexAsOf(long Sequence, DateTimeOffset? EventAt)
{
    public static IndexAsOf Start { get; } = new(0, null);
}

/// <summary>
/// This instance's <see cref="SupplierIndex"/> and the outbox sequence it reflects. Every instance holds its own, loaded from
/// the database and kept current by <see cref="MatchingFeed"/> (docs/matching.md, staleness). Readers share it; the feed's
/// changes wait for them and are seen whole.
/// </summary>
public sealed class MatchingIndex(MatchingOptions options) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private SupplierIndex _index = new(options.Weights);

    public IndexAsOf AsOf { get; private set; } = IndexAsOf.Start;

    /// <summary>Whether the index was loaded from the database yet.</summary>
    public bool Loaded { get; private set; }

    /// <summary>A query over the index, with the sequence it reflects.</summary>
    public (T Answer, IndexAsOf AsOf) Read<T>(Func<SupplierIndex, T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _lock.EnterReadLock();
        try
        {
            return (query(_index), AsOf);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Changes the index and moves its sequence, together.</summary>
    internal void Write(Action<SupplierIndex> change, IndexAsOf asOf)
    {
        _lock.EnterWriteLock();
        try
        {
            change(_index);
            AsOf = asOf;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Puts an index loaded from the database in place of this one.</summary>
    internal void Replace(SupplierIndex loaded, IndexAsOf asOf)
    {
        _lock.EnterWriteLock();
        try
        {
            _index = loaded;
            AsOf = asOf;
            Loaded = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
