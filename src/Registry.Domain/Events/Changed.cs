namespace Registry.Domain.Events;

/// <summary>What a transition returns: the new state and the event that reports it, so neither exists without the other.</summary>
public readonly record struct Changed<TEvent>(string Status, TEvent Event) where TEvent : IDomainEvent;
