using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain;

namespace Registry.Application.Demands;

/// <summary>The enterprise withdraws its bid before the deadline.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record WithdrawBid(Guid DemandId) : ICommand<BidReceipt>;

internal sealed class WithdrawBidHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<WithdrawBid, BidReceipt>
{
    public async Task<BidReceipt> Handle(WithdrawBid c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct);
        // A withdrawn bid is no bid to withdraw; an opened one is refused by the transition (bidding is closed).
        if (mine is null || mine.Status == BidStatus.Withdrawn) throw new NotFound("bid", c.DemandId);
        var now = clock.GetUtcNow();
        // The demand's row is held (or bidding found closed) before the transition decides.
        var held = await db.ExecuteAsync(BidSql.HoldOpenDemandSql, new { c.DemandId, now }, ct) > 0;
        var withdrawn = BidLifecycle.Withdraw(mine.State, demandAcceptsBids: held);
        // The withdrawal's time is read again, however long it waited for the row.
        if (await db.ExecuteAsync(WithdrawSql, new { c.DemandId, enterpriseId, withdrawn.Status, now = clock.GetUtcNow() }, ct) == 0)
            throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed: bids can no longer be withdrawn.") { Variant = "withdraw" };
        outbox.Publish(withdrawn.Event);
        return (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct))!.ToReceipt();
    }

    // Withdrawal needs no demand read: the guard in the update alone decides whether bidding is still open.
    private static readonly Sql WithdrawSql = new($"""
        update bids set status = @status, updated_at = @now
        where demand_id = @demandId and enterprise_id = @enterpriseId and status in ('live', 'needs_confirmation') and {BiddingGuard.Open}
        """);
}
