using System.Text.Json;

namespace Registry.Application.Common.Projections;

/// <summary>
/// A read model fed from the outbox in sequence order by the <see cref="Projector"/>. It is resolved in the projector's
/// scope, so the <see cref="IWriteDb"/> it takes is the projector's transaction: what it writes commits together with its
/// cursor, which makes every event count exactly once. It must not read tables another projection writes.
/// </summary>
public interface IProjection
{
    /// <summary>Stable kebab-case name: the key of its cursor, shown on the admin listing and the readiness check.</summary>
    string Name { get; }

    /// <summary>Applies one event; events it has no use for are ignored. Throwing stops this projection at this event.</summary>
    Task ApplyAsync(StoredEvent e, CancellationToken ct);

    /// <summary>Empties the projection's tables before a rebuild from sequence zero.</summary>
    Task ResetAsync(CancellationToken ct);
}

/// <summary>An event as the outbox stores it: its place in commit order, what it concerns and its JSON payload.</summary>
public sealed record StoredEvent
{
    public long Seq { get; init; }

    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public string Type { get; init; } = "";

    public string EntityType { get; init; } = "";

    public string EntityId { get; init; } = "";

    public string Payload { get; init; } = "{}";

    /// <summary>The payload read as <typeparamref name="T"/> (property names as the outbox writes them, camel case).</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, Ledger.Json)
        ?? throw new InvalidOperationException($"Event {Seq} ({Type}) has an empty payload.");

    /// <summary>The entity id as a GUID; an event whose entity is not one cannot be applied.</summary>
    public Guid EntityGuid => Guid.TryParse(EntityId, out var id) ? id
        : throw new InvalidOperationException($"Event {Seq} ({Type}) concerns '{EntityId}', which is not an id.");
}
