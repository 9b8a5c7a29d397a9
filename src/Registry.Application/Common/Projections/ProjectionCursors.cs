namespace Registry.Application.Common.Projections;

/// <summary>Where a projection stands: its cursor, its lease and, when an event stopped it, which one and why.</summary>
public sealed class ProjectionState
{
    public string Name { get; init; } = "";

    /// <summary>The last outbox sequence applied.</summary>
    public long Seq { get; init; }

    /// <summary>When the last applied event occurred.</summary>
    public DateTimeOffset? EventAt { get; init; }

    /// <summary>When the cursor last moved (or was reset, resumed).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public string? Owner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public long? StoppedSeq { get; init; }

    public string? StoppedType { get; init; }

    public string? StoppedReason { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>The last outbox sequence when the state was read.</summary>
    public long Head { get; init; }

    public bool Stopped => StoppedSeq is not null;
}

/// <summary>The statements on <c>projection_cursors</c>, shared by the projector, the admin use cases and the readiness check.</summary>
public static class ProjectionCursors
{
    public static readonly Sql StatesSql = new("""
        select c.name, c.seq, c.event_at, c.updated_at, c.owner, c.lease_until, c.stopped_seq, c.stopped_type, c.stopped_reason, c.stopped_at,
            (select coalesce(max(o.seq), 0) from outbox o) as head
        from projection_cursors c
        order by c.name
        """);

    public static readonly Sql StoppedSql = new("""
        select name, stopped_seq, stopped_type from projection_cursors where stopped_seq is not null order by name
        """);

    public static readonly Sql EnsureSql = new("""
        insert into projection_cursors (name, seq, updated_at)
        select @name, 0, @now where not exists (select 1 from projection_cursors where name = @name)
        """);

    // Taken in the batch's transaction: the row lock it holds until commit keeps a second instance, a reset or a resume out.
    public static readonly Sql ClaimSql = new("""
        update projection_cursors set owner = @owner, lease_until = @leaseUntil
        where name = @name and seq = @seq and stopped_seq is null and (owner is null or owner = @owner or lease_until < @now)
        """);

    /// <summary>The outbox's last sequence; null when it is empty.</summary>
    public static readonly Sql HeadSql = new("select max(seq) from outbox");

    public static readonly Sql EventsSql = new(d => $"""
        select seq, id, occurred_at, type, entity_type, entity_id, payload from outbox where seq > @after order by seq {d.Page}
        """);

    public static readonly Sql AdvanceSql = new("""
        update projection_cursors set seq = @seq, event_at = @eventAt, updated_at = @now where name = @name and owner = @owner
        """);

    public static readonly Sql StopSql = new("""
        update projection_cursors set seq = @seq, event_at = @eventAt, updated_at = @now, stopped_seq = @stoppedSeq, stopped_type = @stoppedType,
            stopped_reason = @stoppedReason, stopped_at = @now, owner = null, lease_until = null
        where name = @name and owner = @owner
        """);

    public static readonly Sql ReleaseSql = new("update projection_cursors set owner = null, lease_until = null where owner = @owner");

    public static readonly Sql ResumeSql = new("""
        update projection_cursors set stopped_seq = null, stopped_type = null, stopped_reason = null, stopped_at = null, updated_at = @now
        where name = @name
        """);

    // The cursor row first: its lock waits for a batch in flight, so the tables are emptied after that batch, never under it.
    public static readonly Sql ResetSql = new("""
        update projection_cursors set seq = 0, event_at = null, updated_at = @now, owner = null, lease_until = null, stopped_seq = null,
            stopped_type = null, stopped_reason = null, stopped_at = null
        where name = @name
        """);
}
