using Registry.Domain.Events;

namespace Registry.Domain.Demands;

// The events of a contract and its deliveries. The public learns that a contract was completed or terminated and that a
// delivery was accepted; rejected attempts stay between the parties.

[DomainEvent("delivery.recorded", 1, EmittedBy = "ContractLifecycle.RecordDelivery: the supplier hands over a delivery (awarded or in_delivery)")]
public sealed record DeliveryRecorded(Guid DeliveryId, Guid ContractId, int Attempt, bool OnTime) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("delivery.accepted", 1, Public = true, EmittedBy = "ContractLifecycle.Decide: submitted → accepted, the sampled accuracy meets the contract")]
public sealed record DeliveryAccepted(Guid DeliveryId, Guid ContractId, int SampleSize, decimal MeasuredAccuracy, bool OnTime) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("delivery.rejected", 1, EmittedBy = "ContractLifecycle.Decide: submitted → rejected, the sampled accuracy falls short")]
public sealed record DeliveryRejected(Guid DeliveryId, Guid ContractId, int SampleSize, decimal MeasuredAccuracy, string? Note) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("delivery", DeliveryId);
}

[DomainEvent("contract.completed", 1, Public = true, EmittedBy = "ContractLifecycle.Decide: in_delivery → completed on an accepted delivery")]
public sealed record ContractCompleted(Guid ContractId, Guid DemandId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}

[DomainEvent("contract.terminated", 1, Public = true, EmittedBy = "ContractLifecycle.Terminate: awarded or in_delivery → terminated after the due date")]
public sealed record ContractTerminated(Guid ContractId, Guid DemandId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("contract", ContractId);
}
