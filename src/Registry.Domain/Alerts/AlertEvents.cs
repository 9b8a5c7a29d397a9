using Registry.Domain.Events;

namespace Registry.Domain.Alerts;

// Risk alerts (风险预警) are for the regulators of their region, never public.

[DomainEvent("alert.raised", 1, EmittedBy = "RiskAlerts.Raise: a rule of risk early warning fires (e.g. a certificate about to expire)")]
public sealed record AlertRaised(Guid AlertId, string Type, string RegionCode, string EntityType, string EntityId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("alert", AlertId);
}

[DomainEvent("alert.acknowledged", 1, EmittedBy = "AlertLifecycle.Acknowledge: open → acknowledged, a regulator of the alert's region takes it up")]
public sealed record AlertAcknowledged(Guid AlertId, string Type, string RegionCode, string? Note) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("alert", AlertId);
}

[DomainEvent("alert.resolved", 1, EmittedBy = "AlertLifecycle.Resolve: open or acknowledged → resolved, with the regulator's note of what was done")]
public sealed record AlertResolved(Guid AlertId, string Type, string RegionCode, string Note) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("alert", AlertId);
}

[DomainEvent("alert.dismissed", 1, EmittedBy = "AlertLifecycle.Dismiss: open or acknowledged → dismissed, with the regulator's reason (a false positive)")]
public sealed record AlertDismissed(Guid AlertId, string Type, string RegionCode, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("alert", AlertId);
}
