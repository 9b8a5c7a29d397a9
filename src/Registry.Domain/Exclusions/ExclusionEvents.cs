using Registry.Domain.Events;

namespace Registry.Domain.Exclusions;

// Exclusions (debarment, credit blacklist) are public, as the listing is: bidders, agencies and nodes follow them in the feed.

[DomainEvent("exclusion.recorded", 1, Public = true,
    EmittedBy = "ExclusionLifecycle.Record: a regulator of the enterprise's jurisdiction records an exclusion from bidding for a period (end null: until lifted)")]
public sealed record ExclusionRecorded(Guid ExclusionId, Guid EnterpriseId, string Type, string Source, string LegalBasis, DateOnly StartDate,
    DateOnly? EndDate) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("exclusion", ExclusionId);
}

[DomainEvent("exclusion.lifted", 1, Public = true,
    EmittedBy = "ExclusionLifecycle.Lift: scheduled or in force → lifted, early, by a regulator of the enterprise's jurisdiction with a reason")]
public sealed record ExclusionLifted(Guid ExclusionId, Guid EnterpriseId, DateOnly LiftedOn, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("exclusion", ExclusionId);
}
