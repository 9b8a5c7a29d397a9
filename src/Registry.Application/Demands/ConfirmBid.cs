using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// After an amendment, the bidder confirms its bid under the amended terms while bidding is open: the bid's figures must meet
/// the new terms (a raised accuracy bar, a lower ceiling, an earlier due date), or the bidder replaces the bid instead.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record ConfirmBid(Guid DemandId) : ICommand<BidReceipt>;

internal sealed class ConfirmBidHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<ConfirmBid, BidReceipt>
{
    public async Task<BidReceipt> Handle(ConfirmBid c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", c.DemandId);
        var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct);
        if (mine is null || mine.Status == BidStatus.Withdrawn) throw new NotFound("bid", c.DemandId);
        var now = clock.GetUtcNow();
        var held = await db.ExecuteAsync(BidSql.HoldOpenDemandSql, new { c.DemandId, now }, ct) > 0;
        var confirmed = BidLifecycle.Confirm(mine.State, demandAcceptsBids: held);
        var figures = BidRules.Problems(mine.Price, demand.BudgetCeiling, mine.DeliveryDate, demand.DueDate, mine.Accuracy, demand.MinimumAccuracy,
            mine.TeamSize, mine.SubmittedAt);
        if (figures.Count > 0)
            throw new BusinessRuleException("bid_outside_amended_terms",
                "The bid does not meet the amended terms; replace it instead: " + string.Join(" ", figures.Select(p => p.Problem.Message)), string.Join(" ", figures.Select(p => Texts.Of(p.Problem))));
        await BidTransitions.ApplyAsync(db, outbox, mine.State, confirmed, now, ct);
        return (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct))!.ToReceipt();
    }
}
