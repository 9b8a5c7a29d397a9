using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// The events of a demand (标注需求) over its path; bids and contracts have their own files.

[DomainEvent("demand.created", 1, EmittedBy = "CreateDemand: a draft is saved (not public: drafts are the agency's own)")]
public sealed record DemandCreated(Guid DemandId, Guid AgencyId, string Title) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.published", 1, Public = true, EmittedBy = "DemandLifecycle.Publish: draft → open")]
public sealed record DemandPublished(Guid DemandId, string Number, DateTimeOffset BidDeadline) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.deadline_extended", 1, Public = true, EmittedBy = "DemandLifecycle.ExtendDeadline: open → open, later deadline")]
public sealed record DemandDeadlineExtended(Guid DemandId, DateTimeOffset BidDeadline) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.clarified", 1, Public = true, EmittedBy = "DemandLifecycle.Clarify: open → open, a clarification (澄清) published while bidding is open")]
public sealed record DemandClarified(Guid DemandId, Guid ClarificationId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.closed", 1, Public = true, EmittedBy = "DemandLifecycle.Close: open → evaluating, or open → unsuccessful with too few eligible bids")]
public sealed record DemandClosed(Guid DemandId, string Status, int EligibleBids) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.evaluated", 1, EmittedBy = "EvaluateDemand: the bids of an evaluating demand are scored and ranked (again)")]
public sealed record DemandEvaluated(Guid DemandId, int EligibleBids, int Run) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.awarded", 1, Public = true, EmittedBy = "DemandLifecycle.Award: evaluating → awarded (the result notice, 中标公示)")]
public sealed record DemandAwarded(Guid DemandId, Guid ContractId, string ContractNumber, Guid BidId, Guid EnterpriseId, decimal Value, int Rank)
    : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.cancelled", 1, Public = true, EmittedBy = "DemandLifecycle.Cancel: draft, open or evaluating → cancelled")]
public sealed record DemandCancelled(Guid DemandId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.unsuccessful", 1, Public = true, EmittedBy = "DemandLifecycle.DeclareUnsuccessful: evaluating → unsuccessful (no acceptable bid)")]
public sealed record DemandDeclaredUnsuccessful(Guid DemandId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

// Not public: who was invited to bid is who may bid, and the Bidding Law (招标投标法, art. 22) forbids disclosing potential bidders.
[DomainEvent("demand.invitation_sent", 1, EmittedBy = "DemandLifecycle.Invite: open → open, the agency invites an enterprise to bid (seen only by the agency, its regulators and the invitee)")]
public sealed record DemandInvitationSent(Guid DemandId, Guid InvitationId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.amended", 1, Public = true, EmittedBy = "DemandLifecycle.Amend: open → open, a numbered amendment (修改) changes the terms with a reason; every live bid needs confirmation")]
public sealed record DemandAmended(Guid DemandId, int Amendment, string Reason, IReadOnlyList<string> Changed, DateTimeOffset BidDeadline, bool DeadlineMoved)
    : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}
