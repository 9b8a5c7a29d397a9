using Registry.Domain.Enterprises;
using Registry.Domain.Events;
using Registry.Domain.Time;

namespace Registry.Domain.Demands;

/// <summary>States of a labeling demand (标注需求, a tender) over its whole path.</summary>
public static class DemandStatus
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Evaluating = "evaluating";
    public const string Awarded = "awarded";
    public const string InDelivery = "in_delivery";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    /// <summary>Bidding closed without enough eligible bids, or no acceptable bid.</summary>
    public const string Unsuccessful = "unsuccessful";
    /// <summary>The contract was terminated after its due date without an accepted delivery.</summary>
    public const string Terminated = "terminated";

    public static IReadOnlyList<string> All { get; } = [Draft, Open, Evaluating, Awarded, InDelivery, Completed, Cancelled, Unsuccessful, Terminated];
}

/// <summary>
/// The demand state machine: draft → open → evaluating → awarded → in_delivery → completed; cancelled from draft, open
/// or evaluating; unsuccessful when bidding closes without enough eligible bids, or when no bid is acceptable; terminated
/// when its contract is terminated. Each transition returns the new state with the event that reports it
/// (<see cref="Changed{TEvent}"/>), so a handler cannot change the state without the event or publish one that did not happen.
/// </summary>
public static class DemandLifecycle
{
    public static readonly TimeSpan DefaultMinimumWindow = TimeSpan.FromDays(7);

    private static void Require(string current, string attempted, params string[] from)
    {
        if (!from.Contains(current)) throw new InvalidTransitionException("demand", current, attempted);
    }

    /// <summary>Opens bidding; the deadline must leave bidders at least the minimum window, and delivery must follow it.</summary>
    public static Changed<DemandPublished> Publish(Guid demandId, string number, string status, DateTimeOffset deadline, DateOnly dueDate,
        DateTimeOffset now, TimeSpan minimumWindow, string securityLevel)
    {
        Require(status, "published", DemandStatus.Draft);
        if (securityLevel == Reference.DataSecurityLevels.Core)
            throw new BusinessRuleException("core_data_not_tenderable", "Core data (核心数据) is never put out to tender.");
        if (deadline < now + minimumWindow)
            throw new BusinessRuleException("deadline_too_soon",
                FormattableString.Invariant($"The bidding deadline must be at least {minimumWindow.TotalDays:0.#} days after publication (not before {ChinaTime.Format(now + minimumWindow)})."),
                minimumWindow.TotalDays.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), ChinaTime.Format(now + minimumWindow));
        RequireDueAfterDeadline(deadline, dueDate);
        return new(DemandStatus.Open, new DemandPublished(demandId, number, deadline));
    }

    /// <summary>
    /// A deadline may be extended while bidding is open (bids stand), never shortened, and must stay before the due date.
    /// Once the deadline has passed bidding is over even if the closing job has not run yet: extending then would reopen it.
    /// </summary>
    public static Changed<DemandDeadlineExtended> ExtendDeadline(Guid demandId, string status, DateTimeOffset current, DateTimeOffset proposed,
        DateOnly dueDate, DateTimeOffset now)
    {
        RequireBiddingOpen(status, current, now, "given a new deadline");
        if (proposed <= current)
            throw new BusinessRuleException("deadline_not_extended",
                FormattableString.Invariant($"A deadline can only move later than {ChinaTime.Format(current)}."), ChinaTime.Format(current));
        RequireDueAfterDeadline(proposed, dueDate);
        return new(status, new DemandDeadlineExtended(demandId, proposed));
    }

    /// <summary>
    /// Amendments (修改) that bidders need time to act on must be published at least <see cref="DefaultAmendmentNotice"/> before
    /// the deadline (《政府采购货物和服务招标投标管理办法》第二十七条: fifteen days for a tender; less, and the deadline moves out).
    /// </summary>
    public static readonly TimeSpan DefaultAmendmentNotice = TimeSpan.FromDays(15);

    /// <summary>
    /// A numbered amendment of an open demand's terms, with a reason: the deadline becomes the one asked for (or stays), but
    /// never less than <paramref name="notice"/> after now; the due date must still follow the deadline.
    /// </summary>
    public static Changed<DemandAmended> Amend(Guid demandId, int amendment, string reason, IReadOnlyList<string> changed, string status,
        DateTimeOffset current, DateTimeOffset? requested, DateOnly dueDate, DateTimeOffset now, TimeSpan notice)
    {
        RequireBiddingOpen(status, current, now, "amended");
        if (requested is { } asked && asked < current)
            throw new BusinessRuleException("deadline_earlier", "An amendment cannot bring the deadline forward: bidders plan on the published one.");
        var wanted = requested ?? current;
        var earliest = now + notice;
        var deadline = wanted < earliest ? earliest : wanted;
        RequireDueAfterDeadline(deadline, dueDate);
        return new(status, new DemandAmended(demandId, amendment, reason, changed, deadline, deadline != current));
    }

    /// <summary>Clarifications reach bidders only while they can still act on them: while bidding is open.</summary>
    public static Changed<DemandClarified> Clarify(Guid demandId, Guid clarificationId, string status, DateTimeOffset deadline, DateTimeOffset now)
    {
        RequireBiddingOpen(status, deadline, now, "clarified");
        return new(status, new DemandClarified(demandId, clarificationId));
    }

    /// <summary>
    /// The agency invites an enterprise to bid while bidding is open. The invitation grants nothing: the invitee bids under the
    /// same eligibility rules as anyone, and its bid is sealed like any other.
    /// </summary>
    public static Changed<DemandInvitationSent> Invite(Guid demandId, Guid invitationId, Guid enterpriseId, string status, DateTimeOffset deadline,
        DateTimeOffset now)
    {
        RequireBiddingOpen(status, deadline, now, "invited to");
        return new(status, new DemandInvitationSent(demandId, invitationId, enterpriseId));
    }

    private static void RequireBiddingOpen(string status, DateTimeOffset deadline, DateTimeOffset now, string attempted)
    {
        Require(status, attempted, DemandStatus.Open);
        if (!AcceptsBids(status, deadline, now)) throw ClosedForBids(attempted);
    }

    /// <summary>The refusal of a step that needs bidding open, when the deadline has passed (also when a guarded write finds it so).</summary>
    public static InvalidTransitionException ClosedForBids(string attempted) => new("demand", "closed for bids", attempted);

    // Due dates are calendar dates in China Standard Time, like every date of the registry.
    private static void RequireDueAfterDeadline(DateTimeOffset deadline, DateOnly dueDate)
    {
        if (ChinaTime.DateOf(deadline) >= dueDate)
            throw new BusinessRuleException("due_date_before_deadline", "The delivery due date must come after the China date of the bidding deadline.");
    }

    /// <summary>Closes bidding at the deadline: evaluating when there are enough eligible bids, else unsuccessful.</summary>
    public static Changed<DemandClosed> Close(Guid demandId, string status, int eligibleBids, int minimumEligibleBids)
    {
        Require(status, "closed", DemandStatus.Open);
        var next = eligibleBids >= minimumEligibleBids ? DemandStatus.Evaluating : DemandStatus.Unsuccessful;
        return new(next, new DemandClosed(demandId, next, eligibleBids));
    }

    /// <summary>The award to one ranked bid, announced with the contract it creates (the result notice, 中标公示).</summary>
    public static Changed<DemandAwarded> Award(Guid demandId, string status, Guid contractId, string contractNumber, AwardCandidate winner)
    {
        Require(status, "awarded", DemandStatus.Evaluating);
        var rank = winner.Rank ?? throw new BusinessRuleException("bid_not_ranked", "Only a bid the evaluation ranked can be awarded.");
        return new(DemandStatus.Awarded, new DemandAwarded(demandId, contractId, contractNumber, winner.BidId, winner.EnterpriseId, winner.Price, rank));
    }

    /// <summary>
    /// The award was annulled (a result challenge upheld before signing): the demand is evaluated and awarded again. No event of
    /// its own: <see cref="ContractAnnulled"/>, returned by <see cref="ContractLifecycle.Annul"/>, reports it.
    /// </summary>
    public static string ReopenEvaluation(string status)
    {
        Require(status, "evaluated again", DemandStatus.Awarded);
        return DemandStatus.Evaluating;
    }

    public static Changed<DemandDeclaredUnsuccessful> DeclareUnsuccessful(Guid demandId, string status, string reason)
    {
        Require(status, "declared unsuccessful", DemandStatus.Evaluating);
        return new(DemandStatus.Unsuccessful, new DemandDeclaredUnsuccessful(demandId, reason));
    }

    /// <summary>
    /// A delivery was recorded: the demand is in delivery (and stays so on redelivery). The step has no event of its own:
    /// <see cref="DeliveryRecorded"/>, returned by <see cref="ContractLifecycle.RecordDelivery"/>, reports it.
    /// </summary>
    public static string StartDelivery(string status)
    {
        Require(status, "put in delivery", DemandStatus.Awarded, DemandStatus.InDelivery);
        return DemandStatus.InDelivery;
    }

    /// <summary>
    /// The contract was completed: so is the demand. No event of its own: <see cref="ContractCompleted"/>, returned by
    /// <see cref="ContractLifecycle.Complete"/>, reports it.
    /// </summary>
    public static string Complete(string status)
    {
        Require(status, "completed", DemandStatus.InDelivery);
        return DemandStatus.Completed;
    }

    /// <summary>
    /// The contract was terminated: so is the demand. No event of its own: <see cref="ContractTerminated"/>, returned by
    /// <see cref="ContractLifecycle.Terminate"/>, reports it.
    /// </summary>
    public static string Terminate(string status)
    {
        Require(status, "terminated", DemandStatus.Awarded, DemandStatus.InDelivery);
        return DemandStatus.Terminated;
    }

    public static Changed<DemandCancelled> Cancel(Guid demandId, string status, string reason)
    {
        Require(status, "cancelled", DemandStatus.Draft, DemandStatus.Open, DemandStatus.Evaluating);
        return new(DemandStatus.Cancelled, new DemandCancelled(demandId, reason));
    }

    /// <summary>Bids are accepted strictly before the deadline; at the deadline bidding is over.</summary>
    public static bool AcceptsBids(string status, DateTimeOffset deadline, DateTimeOffset now) => status == DemandStatus.Open && now < deadline;
}
