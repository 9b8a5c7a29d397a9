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
        if (mine is null || mine.Status != "live") throw new NotFound("bid", c.DemandId);
        var now = clock.GetUtcNow();
        var written = await db.ExecuteAsync(BidSql.HoldOpenDemandSql, new { c.DemandId, now }, ct);
        // The demand's row is held now: the withdrawal's time is read again, however long it waited for the row.
        if (written > 0) written = await db.ExecuteAsync(WithdrawSql, new { c.DemandId, enterpriseId, now = clock.GetUtcNow() }, ct);
        if (written == 0) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed; the bid stands.");
        outbox.Publish(new BidWithdrawn(mine.Id, c.DemandId, enterpriseId));
        return (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct))!.ToReceipt();
    }

    // Withdrawal needs no demand read: the guard alone decides whether bidding is still open.
    private static readonly Sql WithdrawSql = new($"""
        update bids set status = 'withdrawn', updated_at = @now
        where demand_id = @demandId and enterprise_id = @enterpriseId and status = 'live' and {BiddingGuard.Open}
        """);
}
