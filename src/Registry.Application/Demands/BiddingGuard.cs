namespace Registry.Application.Demands;

/// <summary>
/// "Bidding is open" in SQL, for every write allowed only while it is: a bid placed, replaced or withdrawn, a clarification,
/// a new deadline, and (negated) the closing. The handler has already asked <see cref="Domain.Demands.DemandLifecycle.AcceptsBids"/>
/// on the snapshot; the write asks again against the stored row, because the deadline can pass or the demand be closed or
/// cancelled between that read and the write, and only the write is atomic.
/// </summary>
internal static class BiddingGuard
{
    /// <summary>Demand <c>@demandId</c> is open and its deadline is later than <c>@now</c>: the same test as AcceptsBids.</summary>
    public const string Open = "exists (select 1 from demands g where g.id = @demandId and g.status = 'open' and g.bid_deadline > @now)";
}
