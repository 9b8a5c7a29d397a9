using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// The events of a contract and its deliveries. The public learns that a contract was completed or terminated and that a
// delivery was accepted; rejected attempts stay between the parties.

/// <summary>The agency's decision on a delivery: <see cref="DeliveryAccepted"/> or <see cref="DeliveryRejected"/>.</summary>
public interface IDeliveryDecision : IDomainEvent;

[DomainEvent("delivery.recorded", 1, EmittedBy = "ContractLifecycle.RecordDelivery: (none) → submitted, a delivery under an active contract (its demand: awarded or in_delivery → in_delivery)")]
public sealed record DeliveryRecorded(Guid DeliveryId, Guid ContractId, int Attempt, bool OnTime) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("delivery.accepted", 1, Public = true, EmittedBy = "ContractLifecycle.Decide: submitted → accepted, the sampled accuracy meets the contract")]
public sealed record DeliveryAccepted(Guid DeliveryId, Guid ContractId, int SampleSize, decimal MeasuredAccuracy, bool OnTime) : IDeliveryDecision
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("delivery.rejected", 1, EmittedBy = "ContractLifecycle.Decide: submitted → rejected, the sampled accuracy falls short")]
public sealed record DeliveryRejected(Guid DeliveryId, Guid ContractId, int SampleSize, decimal MeasuredAccuracy, string? Note) : IDeliveryDecision
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("contract.signed", 1, Public = true, EmittedBy = "ContractLifecycle.Sign: pending → active, the agency signs after the result notice's publicity period with no result challenge open")]
public sealed record ContractSigned(Guid ContractId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}

[DomainEvent("contract.annulled", 1, Public = true, EmittedBy = "ContractLifecycle.Annul: pending → annulled, a result challenge was upheld before signing (its demand: awarded → evaluating)")]
public sealed record ContractAnnulled(Guid ContractId, Guid DemandId, Guid EnterpriseId, Guid ChallengeId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}

[DomainEvent("contract.completed", 1, Public = true, EmittedBy = "ContractLifecycle.Complete: active → completed by an accepted delivery (its demand: in_delivery → completed)")]
public sealed record ContractCompleted(Guid ContractId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}

[DomainEvent("contract.terminated", 1, Public = true, EmittedBy = "ContractLifecycle.Terminate: active → terminated after the due date (its demand: awarded or in_delivery → terminated)")]
public sealed record ContractTerminated(Guid ContractId, Guid DemandId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}
