using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Demands;

/// <summary>States of a bid (投标) from submission to the award.</summary>
public static class BidStatus
{
    /// <summary>Submitted and standing while bidding is open; sealed from everyone but its bidder.</summary>
    public const string Live = "live";
    public const string Withdrawn = "withdrawn";
    /// <summary>Opened at closing, and its bidder met every requirement: it takes part in the evaluation.</summary>
    public const string Eligible = "eligible";
    /// <summary>Opened at closing, and a requirement was not met (the reason is kept).</summary>
    public const string Ineligible = "ineligible";
    public const string Won = "won";
    public const string Lost = "lost";
    /// <summary>An amendment changed the demand's terms after the bid: it counts only if its bidder confirms or replaces it before the deadline.</summary>
    public const string NeedsConfirmation = "needs_confirmation";
    /// <summary>Never confirmed after an amendment: not opened at closing.</summary>
    public const string Lapsed = "lapsed";

    public static IReadOnlyList<string> All { get; } = [Live, Withdrawn, Eligible, Ineligible, Won, Lost, NeedsConfirmation, Lapsed];
}

/// <summary>A bid as its rules see it.</summary>
public sealed record BidState(Guid BidId, Guid DemandId, Guid EnterpriseId, string Status);

/// <summary>
/// The bid state machine: live ⇄ withdrawn while bidding is open (a live bid may be replaced, Bidding Law art. 29);
/// at closing live → eligible or ineligible; at the award eligible → won, every other opened bid → lost; when the
/// demand is declared unsuccessful (by the agency, or at closing for too few eligible bids) every opened bid → lost; an
/// evaluation re-checks eligibility and may move an opened bid between eligible and ineligible; when the demand is cancelled
/// every bid not withdrawn → lost. An amendment of the demand's terms moves every live bid to needs_confirmation; its bidder
/// confirms it (→ live) or replaces it while bidding is open, or it lapses at closing. Each transition returns the event that reports it.
/// </summary>
public static class BidLifecycle
{
    /// <summary>A first bid, a replacement of the live one, or a new bid after a withdrawal; only while the demand accepts bids.</summary>
    public static Changed<BidSubmitted> Submit(BidState? current, Guid bidId, Guid demandId, Guid enterpriseId, bool demandAcceptsBids)
    {
        if (!demandAcceptsBids) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed.");
        if (current is not null) Require(current, "submitted", BidStatus.Live, BidStatus.Withdrawn, BidStatus.NeedsConfirmation);
        return new(BidStatus.Live, new BidSubmitted(current?.BidId ?? bidId, demandId, enterpriseId));
    }

    public static Changed<BidWithdrawn> Withdraw(BidState bid, bool demandAcceptsBids)
    {
        if (!demandAcceptsBids) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed: bids can no longer be withdrawn.") { Variant = "withdraw" };
        Require(bid, "withdrawn", BidStatus.Live, BidStatus.NeedsConfirmation);
        return new(BidStatus.Withdrawn, new BidWithdrawn(bid.BidId, bid.DemandId, bid.EnterpriseId));
    }

    /// <summary>An amendment changed the terms the bid was made on: it stands again only when its bidder confirms or replaces it.</summary>
    public static Changed<BidNeedsConfirmation> RequireConfirmation(BidState bid, int amendment)
    {
        Require(bid, "asked to confirm", BidStatus.Live, BidStatus.NeedsConfirmation);
        return new(BidStatus.NeedsConfirmation, new BidNeedsConfirmation(bid.BidId, bid.DemandId, bid.EnterpriseId, amendment));
    }

    /// <summary>The bidder confirms its bid under the amended terms, while bidding is open.</summary>
    public static Changed<BidConfirmed> Confirm(BidState bid, bool demandAcceptsBids)
    {
        if (!demandAcceptsBids) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed: bids can no longer be confirmed.") { Variant = "confirm" };
        Require(bid, "confirmed", BidStatus.NeedsConfirmation);
        return new(BidStatus.Live, new BidConfirmed(bid.BidId, bid.DemandId, bid.EnterpriseId));
    }

    /// <summary>At closing, a bid never confirmed after an amendment lapses instead of being opened.</summary>
    public static Changed<BidLapsed> Lapse(BidState bid)
    {
        Require(bid, "lapsed", BidStatus.NeedsConfirmation);
        return new(BidStatus.Lapsed, new BidLapsed(bid.BidId, bid.DemandId, bid.EnterpriseId));
    }

    /// <summary>Opens a live bid at closing with the problems <see cref="BidEligibility.Problems"/> found (none: eligible).</summary>
    public static Changed<IBidOpening> Open(BidState bid, IReadOnlyList<(string Code, string Message)> problems)
    {
        Require(bid, "opened", BidStatus.Live);
        return problems.Count == 0
            ? new(BidStatus.Eligible, new BidFoundEligible(bid.BidId, bid.DemandId, bid.EnterpriseId))
            : new(BidStatus.Ineligible, new BidFoundIneligible(bid.BidId, bid.DemandId, bid.EnterpriseId, string.Join(" ", problems.Select(p => p.Message))));
    }

    /// <summary>
    /// An evaluation checks an opened bid's eligibility again (a certificate may have been suspended since closing): the bid
    /// moves between eligible and ineligible; null when its standing is unchanged.
    /// </summary>
    public static Changed<IBidOpening>? Reassess(BidState bid, IReadOnlyList<(string Code, string Message)> problems)
    {
        Require(bid, "reassessed", BidStatus.Eligible, BidStatus.Ineligible);
        var reopened = Open(bid with { Status = BidStatus.Live }, problems);
        return reopened.Status == bid.Status ? null : reopened;
    }

    public static Changed<BidWon> Win(BidState bid, Guid contractId)
    {
        Require(bid, "awarded", BidStatus.Eligible);
        return new(BidStatus.Won, new BidWon(bid.BidId, bid.DemandId, bid.EnterpriseId, contractId));
    }

    /// <summary>Another bid won (rank known) or the demand was declared unsuccessful (no rank).</summary>
    public static Changed<BidLost> Lose(BidState bid, int? rank)
    {
        Require(bid, "lost", BidStatus.Eligible, BidStatus.Ineligible);
        return new(BidStatus.Lost, new BidLost(bid.BidId, bid.DemandId, bid.EnterpriseId, rank));
    }

    /// <summary>
    /// The award was annulled: the bids that won or lost by it are opened again, eligible or not by the rule as it stands now,
    /// for the demand's next evaluation.
    /// </summary>
    public static Changed<IBidOpening> Reopen(BidState bid, IReadOnlyList<(string Code, string Message)> problems)
    {
        Require(bid, "opened again", BidStatus.Won, BidStatus.Lost);
        return Open(bid with { Status = BidStatus.Live }, problems);
    }

    /// <summary>The demand was cancelled: every bid still standing (live or opened) is lost, without a rank.</summary>
    public static Changed<BidLost> Void(BidState bid)
    {
        Require(bid, "voided", BidStatus.Live, BidStatus.NeedsConfirmation, BidStatus.Eligible, BidStatus.Ineligible);
        return new(BidStatus.Lost, new BidLost(bid.BidId, bid.DemandId, bid.EnterpriseId, null));
    }

    private static void Require(BidState bid, string attempted, params string[] from)
    {
        if (!from.Contains(bid.Status)) throw new InvalidTransitionException("bid", bid.Status, attempted);
    }
}
