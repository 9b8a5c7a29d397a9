using Registry.Domain.Enterprises;
using Registry.Domain.Events;
using Registry.Domain.Time;

namespace Registry.Domain.Demands;

/// <summary>States of a contract created by an award.</summary>
public static class ContractStatus
{
    /// <summary>Awarded, not yet signed: the result notice's publicity period runs and the result may be challenged (中标公示).</summary>
    public const string Pending = "pending";
    /// <summary>Signed and in force: deliveries may be made and decided.</summary>
    public const string Active = "active";
    /// <summary>A delivery was accepted.</summary>
    public const string Completed = "completed";
    /// <summary>Ended by the agency after the due date without an accepted delivery.</summary>
    public const string Terminated = "terminated";
    /// <summary>Never signed: a result challenge was upheld during the publicity, and the agency evaluates and awards again.</summary>
    public const string Annulled = "annulled";

    public static IReadOnlyList<string> All { get; } = [Pending, Active, Completed, Terminated, Annulled];
}

/// <summary>States of one delivery under a contract.</summary>
public static class DeliveryStatus
{
    /// <summary>Recorded by the enterprise, awaiting the agency's acceptance decision.</summary>
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Submitted, Accepted, Rejected];
}

/// <summary>One delivery as the contract rules read it.</summary>
public sealed record DeliverySnapshot(Guid Id, int Attempt, decimal Quantity, string Status, bool OnTime);

/// <summary>
/// A contract as its rules see it, with its deliveries oldest first and the row version it was read at. Handlers decide on
/// this, never on the contract's API answer.
/// </summary>
/// <param name="Number">The contract number; with <see cref="EnterpriseName"/> it names the contract in alerts.</param>
public sealed record ContractSnapshot(Guid Id, string Number, Guid DemandId, Guid AgencyId, Guid EnterpriseId, string EnterpriseName, string RegionCode,
    string Status, decimal MinimumAccuracy, DateOnly DueDate, long RowVersion, IReadOnlyList<DeliverySnapshot> Deliveries)
{
    /// <summary>Whether a delivery awaits the agency's decision (at most one can).</summary>
    public bool DeliveryAwaitingDecision => Deliveries.Any(d => d.Status == DeliveryStatus.Submitted);
}

/// <summary>
/// The rules of a contract from award to completion (docs/evaluation.md): the enterprise records a delivery; the agency
/// decides it from a sample — accepted when the measured accuracy reaches the demand's minimum, otherwise rejected with a
/// reason, and the enterprise may deliver again. A delivery made after the due date (China Standard Time) is late. Once the
/// due date has passed without an accepted delivery, the agency may terminate the contract. Each transition returns the
/// event that reports it.
/// </summary>
public static class ContractLifecycle
{
    private static void Require(string current, string attempted, params string[] from)
    {
        if (!from.Contains(current)) throw new InvalidTransitionException("contract", current, attempted);
    }

    /// <summary>
    /// A delivery can be recorded while the contract is in force and no earlier delivery awaits a decision; it is the next
    /// attempt, submitted for the agency's decision, and late when made after the due date.
    /// </summary>
    public static Changed<DeliveryRecorded> RecordDelivery(ContractSnapshot contract, Guid deliveryId, DateTimeOffset deliveredAt)
    {
        Require(contract.Status, "delivered on", ContractStatus.Active);
        if (contract.DeliveryAwaitingDecision)
            throw new BusinessRuleException("delivery_awaiting_acceptance", "The previous delivery awaits the agency's acceptance decision.") { Variant = "record" };
        return new(DeliveryStatus.Submitted,
            new DeliveryRecorded(deliveryId, contract.Id, contract.Deliveries.Count + 1, IsOnTime(deliveredAt, contract.DueDate)));
    }

    /// <summary>
    /// The decision on a submitted delivery: accepted when the measured accuracy reaches the minimum, else rejected with the
    /// shortfall stated ahead of the agency's <paramref name="note"/> (a rejection's note is what the enterprise reads).
    /// </summary>
    public static Changed<IDeliveryDecision> Decide(ContractSnapshot contract, DeliverySnapshot delivery, int sampleSize, decimal measuredAccuracy, string? note)
    {
        Require(contract.Status, "accepted on", ContractStatus.Active);
        if (delivery.Status != DeliveryStatus.Submitted) throw new InvalidTransitionException("delivery", delivery.Status, "decided");
        if (measuredAccuracy >= contract.MinimumAccuracy)
            return new(DeliveryStatus.Accepted, new DeliveryAccepted(delivery.Id, contract.Id, sampleSize, measuredAccuracy, delivery.OnTime));
        var shortfall = FormattableString.Invariant(
            $"Measured accuracy {measuredAccuracy:0.####} on a sample of {sampleSize} is below the minimum {contract.MinimumAccuracy:0.####}.");
        return new(DeliveryStatus.Rejected,
            new DeliveryRejected(delivery.Id, contract.Id, sampleSize, measuredAccuracy, note is null ? shortfall : shortfall + " " + note));
    }

    /// <summary>An accepted delivery completes its contract; nothing else does.</summary>
    public static Changed<ContractCompleted> Complete(ContractSnapshot contract, DeliveryAccepted accepted)
    {
        Require(contract.Status, "completed", ContractStatus.Active);
        if (accepted.ContractId != contract.Id)
            throw new ArgumentException($"Delivery {accepted.DeliveryId} belongs to contract {accepted.ContractId}, not {contract.Id}.", nameof(accepted));
        return new(ContractStatus.Completed, new ContractCompleted(contract.Id, contract.DemandId, contract.EnterpriseId));
    }

    /// <summary>
    /// The agency signs the awarded contract once the result notice's publicity period is over (not before
    /// <paramref name="publicityEnds"/>) and no challenge of the result is still open (unanswered, or before the regulators as
    /// a complaint): a result that may still be overturned is not signed (《政府采购法》第四十六条, 《政府采购质疑和投诉办法》).
    /// </summary>
    /// <param name="openResultDisputes">Result challenges of the demand not yet answered, and complaints about the result not yet decided.</param>
    public static Changed<ContractSigned> Sign(ContractSnapshot contract, DateTimeOffset publicityEnds, int openResultDisputes, DateTimeOffset now)
    {
        Require(contract.Status, "signed", ContractStatus.Pending);
        if (now < publicityEnds)
            throw new BusinessRuleException("publicity_period",
                $"The result notice is public until {ChinaTime.Format(publicityEnds)}; the contract can be signed after that, when no result challenge is open.", ChinaTime.Format(publicityEnds));
        if (openResultDisputes > 0)
            throw new BusinessRuleException("result_challenge_open",
                "A challenge of this demand's result is still open (unanswered, or before the regulators as a complaint); sign after it is settled.");
        return new(ContractStatus.Active, new ContractSigned(contract.Id, contract.DemandId, contract.EnterpriseId));
    }

    /// <summary>
    /// A challenge of the result was upheld (by the agency's answer or the regulators' decision) before the contract was signed:
    /// the award is annulled and the demand goes back to evaluation. A signed contract is not unwound here.
    /// </summary>
    public static Changed<ContractAnnulled> Annul(ContractSnapshot contract, Guid challengeId, string reason)
    {
        Require(contract.Status, "annulled", ContractStatus.Pending);
        return new(ContractStatus.Annulled, new ContractAnnulled(contract.Id, contract.DemandId, contract.EnterpriseId, challengeId, reason));
    }

    /// <summary>Whether a delivery made at <paramref name="deliveredAt"/> meets the due date (a China Standard Time date).</summary>
    public static bool IsOnTime(DateTimeOffset deliveredAt, DateOnly dueDate) =>
        ChinaTime.DateOf(deliveredAt) <= dueDate;

    /// <summary>
    /// The agency may terminate an active contract once its due date has passed (today is later) and no delivery awaits
    /// a decision; before that, the enterprise still has time to deliver.
    /// </summary>
    public static Changed<ContractTerminated> Terminate(ContractSnapshot contract, DateOnly today, string reason)
    {
        Require(contract.Status, "terminated", ContractStatus.Active);
        if (today <= contract.DueDate)
            throw new BusinessRuleException("contract_not_overdue", $"The contract can be terminated only after its due date {contract.DueDate:yyyy-MM-dd} (China date).",
                contract.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (contract.DeliveryAwaitingDecision)
            throw new BusinessRuleException("delivery_awaiting_acceptance", "A delivery awaits the acceptance decision; decide it first.") { Variant = "terminate" };
        return new(ContractStatus.Terminated, new ContractTerminated(contract.Id, contract.DemandId, reason));
    }

    /// <summary>A sample must hold at least one item and no more items than were delivered.</summary>
    public static FieldProblem? SampleProblem(int sampleSize, decimal deliveredQuantity) =>
        SampleSizeProblem(sampleSize)
        ?? (sampleSize > deliveredQuantity
            ? new FieldProblem("sample_over_delivered", FormattableString.Invariant($"The sample cannot be larger than the {deliveredQuantity:0.##} items delivered."),
                FormattableString.Invariant($"{deliveredQuantity:0.##}"))
            : null);

    /// <summary>The part of the sample rule that needs no delivery: a sample holds at least one item.</summary>
    public static FieldProblem? SampleSizeProblem(int sampleSize) => sampleSize < 1 ? new FieldProblem("sample_empty", "The sample holds at least one item.") : null;
}
