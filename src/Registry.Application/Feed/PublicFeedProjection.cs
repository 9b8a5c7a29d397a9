using System.Collections.Frozen;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Events;

namespace Registry.Application.Feed;

/// <summary>
/// Numbers the public events of the outbox 1, 2, 3 … in commit order (<c>feed_events</c>): the positions the change feed's
/// cursors carry. The projector applies events in sequence order, exactly once, one instance at a time, and commits the
/// positions with its cursor, so positions become visible in order and without gaps (docs/one-network.md).
/// </summary>
public sealed class PublicFeedProjection(IWriteDb db) : IProjection
{
    public const string ProjectionName = "public-feed";

    private static readonly FrozenSet<string> PublicTypes =
        DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToFrozenSet(StringComparer.Ordinal);

    public string Name => ProjectionName;

    /// <summary>Whether readers of the feed may see events of this name (unknown names: no).</summary>
    public static bool IsPublic(string type) => PublicTypes.Contains(type);

    public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        if (IsPublic(e.Type)) await db.ExecuteAsync(AppendSql, new { seq = e.Seq }, ct);
    }

    public Task ResetAsync(CancellationToken ct) => db.ExecuteAsync(ResetSql, null, ct);

    private static readonly Sql AppendSql = new("insert into feed_events (position, seq) select coalesce(max(position), 0) + 1, @seq from feed_events");

    private static readonly Sql ResetSql = new("delete from feed_events");
}
