using Registry.Domain.Events;

namespace Registry.Application.Common;

/// <summary>What the current command produced; owned by the pipeline, one per request scope.</summary>
public sealed class CommandJournal : IOutbox
{
    private readonly List<OutboxEvent> _events = [];

    public IReadOnlyList<OutboxEvent> Events => _events;

    /// <summary>The command was answered from its idempotency record: nothing new to audit or publish.</summary>
    public bool Replayed { get; set; }

    public (string Type, string Id)? Entity { get; private set; }

    public void Publish(IDomainEvent e)
    {
        var written = OutboxEvent.Of(e);
        _events.Add(written);
        Entity ??= (written.EntityType, written.EntityId);
    }

    public void Concerning(string entityType, string entityId) => Entity = (entityType, entityId);

    /// <summary>Forgets what an attempt produced: a transaction begins (a retry, or the next step of a stepped command).</summary>
    public void Reset()
    {
        _events.Clear();
        Replayed = false;
        Entity = null;
    }
}
