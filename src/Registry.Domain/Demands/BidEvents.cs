using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// The events of a bid. None is public: bids are sealed until closing, and afterwards the demand's own events
// (demand.closed, demand.awarded) carry what the public may know.

[DomainEvent("bid.submitted", 1, EmittedBy = "BidLifecycle.Submit: (none), live or needs_confirmation (replaced) or withdrawn → live, while bidding is open")]
public sealed record BidSubmitted(Guid BidId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.withdrawn", 1, EmittedBy = "BidLifecycle.Withdraw: live or needs_confirmation → withdrawn, while bidding is open")]
public sealed record BidWithdrawn(Guid BidId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

/// <summary>What opening a bid finds: <see cref="BidFoundEligible"/> or <see cref="BidFoundIneligible"/>.</summary>
public interface IBidOpening : IDomainEvent;

[DomainEvent("bid.eligible", 1, EmittedBy = "BidLifecycle.Open: live → eligible when bidding closes and the bidder meets every requirement; BidLifecycle.Reassess: ineligible → eligible at an evaluation; BidLifecycle.Reopen: won or lost → eligible when the award is annulled")]
public sealed record BidFoundEligible(Guid BidId, Guid DemandId, Guid EnterpriseId) : IBidOpening
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.ineligible", 1, EmittedBy = "BidLifecycle.Open: live → ineligible when bidding closes and a requirement is not met; BidLifecycle.Reassess: eligible → ineligible at an evaluation; BidLifecycle.Reopen: won or lost → ineligible when the award is annulled")]
public sealed record BidFoundIneligible(Guid BidId, Guid DemandId, Guid EnterpriseId, string Reason) : IBidOpening
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.won", 1, EmittedBy = "BidLifecycle.Win: eligible → won when the demand is awarded to it")]
public sealed record BidWon(Guid BidId, Guid DemandId, Guid EnterpriseId, Guid ContractId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.lost", 1, EmittedBy = "BidLifecycle.Lose: eligible or ineligible → lost when another bid wins or the demand is declared unsuccessful (rank null); BidLifecycle.Void: live, needs_confirmation, eligible or ineligible → lost when the demand is cancelled (rank null)")]
public sealed record BidLost(Guid BidId, Guid DemandId, Guid EnterpriseId, int? Rank) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.needs_confirmation", 1, EmittedBy = "BidLifecycle.RequireConfirmation: live → needs_confirmation when an amendment changes the demand's terms")]
public sealed record BidNeedsConfirmation(Guid BidId, Guid DemandId, Guid EnterpriseId, int Amendment) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.confirmed", 1, EmittedBy = "BidLifecycle.Confirm: needs_confirmation → live, the bidder confirms its bid under the amended terms while bidding is open")]
public sealed record BidConfirmed(Guid BidId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}

[DomainEvent("bid.lapsed", 1, EmittedBy = "BidLifecycle.Lapse: needs_confirmation → lapsed at closing, never confirmed after an amendment")]
public sealed record BidLapsed(Guid BidId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("bid", BidId);
}
