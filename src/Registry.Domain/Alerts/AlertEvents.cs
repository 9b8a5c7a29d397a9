using Registry.Domain.Events;

namespace Registry.Domain.Alerts;

// Risk alerts (风险预警) are for the regulators of their region, never public.

[DomainEvent("alert.raised", 1, EmittedBy = "RiskAlerts.Raise: a rule of risk early warning fires (e.g. a certificate about to expire)")]
public sealed record AlertRaised(Guid AlertId, string Type, string RegionCode, string EntityType, string EntityId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("alert", AlertId);
}
