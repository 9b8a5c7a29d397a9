using Registry.Application.Common.Projections;

namespace Registry.Application.Admin;

/// <summary>
/// A projection's lag: the last sequence it applied and when that event occurred, against the outbox's last sequence; and,
/// when an event stopped it, which event and why.
/// </summary>
public sealed record ProjectionView(string Name, long Sequence, long Head, long Behind, DateTimeOffset? LastEventAt, DateTimeOffset? UpdatedAt,
    string? LeaseOwner, DateTimeOffset? LeaseUntil, ProjectionStop? Stopped)
{
    public static ProjectionView Of(string name, ProjectionState? s, long head) => s is null
        ? new(name, 0, head, head, null, null, null, null, null)
        : new(name, s.Seq, s.Head, Math.Max(0, s.Head - s.Seq), s.EventAt, s.UpdatedAt, s.Owner, s.LeaseUntil,
            s.StoppedSeq is { } seq ? new ProjectionStop(seq, s.StoppedType ?? "", s.StoppedReason ?? "", s.StoppedAt) : null);
}

/// <summary>The event a projection could not apply: it waits there until an operator resumes it.</summary>
public sealed record ProjectionStop(long Sequence, string EventType, string Reason, DateTimeOffset? At);
