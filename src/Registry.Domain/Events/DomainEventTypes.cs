using System.Collections.Frozen;
using System.Reflection;

namespace Registry.Domain.Events;

/// <summary>Every event record the domain declares, with its stable name, version and visibility.</summary>
public static class DomainEventTypes
{
    public sealed record Descriptor(Type Type, string Name, int Version, bool Public, string EmittedBy);

    private static readonly FrozenDictionary<Type, Descriptor> ByType = typeof(IDomainEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t))
        .Select(Describe)
        .ToFrozenDictionary(d => d.Type);

    /// <summary>All declared events, ordered by name.</summary>
    public static IReadOnlyList<Descriptor> All { get; } = ByType.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>The descriptor of an event's type; events declared outside the domain (tests) are described on first use.</summary>
    public static Descriptor Of(IDomainEvent e) => ByType.TryGetValue(e.GetType(), out var d) ? d : Describe(e.GetType());

    private static Descriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<DomainEventAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} is an IDomainEvent without [DomainEvent(name, version)].");
        return new Descriptor(type, attribute.Name, attribute.Version, attribute.Public, attribute.EmittedBy);
    }
}
