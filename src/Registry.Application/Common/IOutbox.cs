namespace Registry.Application.Common;

/// <summary>An event of the ordered change stream, written in the same transaction as the change it reports.</summary>
public sealed record OutboxEvent(string Type, string EntityType, string EntityId, object Payload);

/// <summary>Where a command handler records what it changed; the pipeline writes it with the audit record.</summary>
public interface IOutbox
{
    void Publish(OutboxEvent e);

    /// <summary>Names the entity of the audit record without publishing an event (e.g. sign-in attempts).</summary>
    void Concerning(string entityType, string entityId);
}
