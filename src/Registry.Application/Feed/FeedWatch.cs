using Dapper;
using Registry.Application.Common;

namespace Registry.Application.Feed;

/// <summary>
/// The change feed's last position (<see cref="PublicFeedProjection"/>) as the read side sees it, for long polling: however many readers wait, one
/// query per interval asks for it, on a connection taken from the pool for that query alone, so a waiting reader holds none.
/// </summary>
public sealed class FeedWatch(IConnectionFactory connections)
{
    /// <summary>How often the head is asked for while someone waits.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private Task<long>? _next;
    private long _head = -1;

    /// <summary>The last position seen, or -1 before the first look.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>Waits until the head passes <paramref name="after"/>, at most <paramref name="wait"/>; true when it did.</summary>
    public async Task<bool> WaitBeyondAsync(long after, TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            while (Head <= after) await NextLookAsync().WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        catch (System.Data.Common.DbException)
        {
            // The page is read next on the request's own connection, which reports the database's state as every read does.
            return false;
        }
    }

    // One look shared by every waiter of the interval.
    private Task<long> NextLookAsync()
    {
        lock (_gate) return _next ??= LookAsync();
    }

    private async Task<long> LookAsync()
    {
        try
        {
            await Task.Delay(Interval);
            await using var connection = await connections.OpenReadAsync(CancellationToken.None);
            var head = await connection.ExecuteScalarAsync<long>(HeadSql.For(connections.Dialect));
            InterlockedMax(ref _head, head);
            return head;
        }
        finally
        {
            lock (_gate) _next = null;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private static readonly Sql HeadSql = new("select coalesce(max(position), 0) from feed_events");
}
