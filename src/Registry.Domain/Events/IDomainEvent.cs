namespace Registry.Domain.Events;

/// <summary>
/// A fact the domain records when state changes, born with the transition that causes it. Its stable name and version
/// come from <see cref="DomainEventAttribute"/>; its public properties are its payload, exactly as stored in the outbox.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The entity the event is about: the outbox row's entity type and id (implemented explicitly, so it is not payload).</summary>
    EventSubject Subject { get; }
}
