namespace Registry.Domain.Events;

/// <summary>
/// The stable identity of an event record: its name (<c>area.fact</c>, never changed once published), its payload version
/// (raised when a field changes meaning or disappears; adding a field keeps it), whether the public may read it (the change
/// feed's anonymous readers), and which transitions emit it, for docs/events.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DomainEventAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;

    public int Version { get; } = version;

    /// <summary>Readable by anyone: nothing sealed, private or personal is in its payload.</summary>
    public bool Public { get; init; }

    /// <summary>The transition or use case that emits it, e.g. "DemandLifecycle.Publish: draft → open".</summary>
    public string EmittedBy { get; init; } = "";
}
