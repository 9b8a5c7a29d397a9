namespace Registry.Domain.Events;

/// <summary>The entity an event is about, as the outbox and the audit record name it (<c>demand</c>, its id).</summary>
public readonly record struct EventSubject(string Type, string Id)
{
    public EventSubject(string type, Guid id) : this(type, id.ToString()) { }
}
