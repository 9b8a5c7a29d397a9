using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// A bidder's question (询问) about a demand's terms, and its answer. Not public: the answer reaches everyone as a
// clarification (demand.clarified), without the asker's name.

[DomainEvent("question.asked", 1, EmittedBy = "QuestionLifecycle.Ask: (none) → open, an enterprise asks about an open demand's terms before the question period ends")]
public sealed record QuestionAsked(Guid QuestionId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("question", QuestionId);
}

[DomainEvent("question.answered", 1, EmittedBy = "QuestionLifecycle.Answer: open → answered, the agency answers and the answer is published to everyone as a clarification")]
public sealed record QuestionAnswered(Guid QuestionId, Guid DemandId, Guid EnterpriseId, Guid ClarificationId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("question", QuestionId);
}
