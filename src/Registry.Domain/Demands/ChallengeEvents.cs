using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// Challenges (质疑) and complaints (投诉). What was filed stays with the parties and the regulators; a suspension, its lifting
// and the regulator's decision are public, without the challenger's name.

[DomainEvent("challenge.filed", 1, EmittedBy = "ChallengeLifecycle.FileTerms / FileResult: (none) → filed, a bidder challenges the terms while bidding is open or the result during its publicity")]
public sealed record ChallengeFiled(Guid ChallengeId, Guid DemandId, Guid EnterpriseId, string Kind) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("challenge", ChallengeId);
}

[DomainEvent("challenge.answered", 1, EmittedBy = "ChallengeLifecycle.Answer: filed → answered, the agency answers (late when after the answer deadline)")]
public sealed record ChallengeAnswered(Guid ChallengeId, Guid DemandId, Guid EnterpriseId, bool Upheld, bool Late) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("challenge", ChallengeId);
}

[DomainEvent("complaint.filed", 1, EmittedBy = "ChallengeLifecycle.Complain: answered or unanswered past its deadline → complained, the challenger complains to the regulators of the demand's region")]
public sealed record ComplaintFiled(Guid ComplaintId, Guid ChallengeId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("complaint", ComplaintId);
}

[DomainEvent("demand.suspended", 1, Public = true, EmittedBy = "ComplaintLifecycle.Suspend: complaint open → suspended, the regulator suspends the procurement while it handles the complaint")]
public sealed record DemandSuspended(Guid DemandId, Guid ComplaintId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("demand.resumed", 1, Public = true, EmittedBy = "ComplaintLifecycle.Decide: complaint suspended → upheld or dismissed, the decision lifts the suspension")]
public sealed record DemandResumed(Guid DemandId, Guid ComplaintId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("demand", DemandId);
}

[DomainEvent("complaint.decided", 1, Public = true, EmittedBy = "ComplaintLifecycle.Decide: complaint open or suspended → upheld (the agency redoes the step) or dismissed")]
public sealed record ComplaintDecided(Guid ComplaintId, Guid ChallengeId, Guid DemandId, string Kind, bool Upheld, string? RedoStep) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("complaint", ComplaintId);
}
