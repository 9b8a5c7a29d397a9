using Registry.Domain.Events;

namespace Registry.Application.Common;

/// <summary>An event of the ordered change stream as the ledger writes it: name, version and subject from its record.</summary>
public sealed record OutboxEvent(string Type, int Version, string EntityType, string EntityId, IDomainEvent Payload)
{
    public static OutboxEvent Of(IDomainEvent e)
    {
        var descriptor = DomainEventTypes.Of(e);
        return new OutboxEvent(descriptor.Name, descriptor.Version, e.Subject.Type, e.Subject.Id, e);
    }
}

/// <summary>Where a command handler records what it changed; the pipeline writes it with the audit record.</summary>
public interface IOutbox
{
    /// <summary>The only way to write an event: a typed record of the domain, written in the command's transaction.</summary>
    void Publish(IDomainEvent e);

    /// <summary>Names the entity of the audit record without publishing an event.</summary>
    void Concerning(string entityType, string entityId);
}
