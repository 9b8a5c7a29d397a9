using Registry.Domain.Events;

namespace Registry.Domain.Audit;

// Operators' interventions in the platform's own machinery, kept in the same ordered stream as every other change.

[DomainEvent("projection.resumed", 1, EmittedBy = "ResumeProjection: the operator restarts a projection stopped by an event it could not apply")]
public sealed record ProjectionResumed(string Name, long? StoppedSeq, string? StoppedType) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("projection", Name);
}

[DomainEvent("projection.rebuild_started", 1, EmittedBy = "RebuildProjection: the operator empties a projection to rebuild it from sequence zero")]
public sealed record ProjectionRebuildStarted(string Name) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("projection", Name);
}
