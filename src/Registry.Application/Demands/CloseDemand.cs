using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// Closes one open demand whose deadline has passed; eligibility is checked again and the reasons stored; answers the new status. Sent by
/// <see cref="CloseDueDemands"/>; a demand no longer open or not yet due is a conflict that changes nothing (another run closed it).
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record CloseDemand(Guid DemandId) : ICommand<string>;

internal sealed class CloseDemandHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, TimeProvider clock) : IRequestHandler<CloseDemand, string>
{
    public async Task<string> Handle(CloseDemand c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = c.DemandId;
        // The demand's row is locked before its bids are read: a bid still being written commits first, a later one finds bidding closed.
        if (await db.ExecuteAsync(HoldSql, new { demandId = id, now }, ct) == 0)
            throw new InvalidTransitionException("demand", "no longer open or not yet due", "closed");
        await Challenges.Suspensions.EnsureNotSuspendedAsync(db, id, clock.GetUtcNow(), ct);
        var demand = (await DemandReads.SnapshotAsync(db, id, ct))!;
        var eligible = new List<BidPatterns.ClosedBid>();
        var priced = new List<PriceAlerts.OpenedBid>();
        var opened = new List<BidState>();
        // A bid never confirmed after an amendment is not opened: it lapses.
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.NeedsConfirmationSql, new { demandId = id }, ct))
            await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Lapse(bid.State), now, ct);
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { demandId = id }, ct))
        {
            var problems = await EligibilityReads.ProblemsAsync(db, demand, bid.EnterpriseId, clock, ct);
            var open = BidLifecycle.Open(bid.State, problems);
            await db.ExecuteAsync(OpenSql, new
            {
                bid.Id, open.Status, eligible = problems.Count == 0, reason = problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message)), now,
            }, ct);
            outbox.Publish(open.Event);
            opened.Add(bid.State with { Status = open.Status });
            if (problems.Count > 0) continue;
            eligible.Add(new BidPatterns.ClosedBid(bid.Id, bid.EnterpriseNameZh, bid.Price));
            priced.Add(new PriceAlerts.OpenedBid(bid.Id, bid.EnterpriseId, bid.EnterpriseNameZh, bid.Price, bid.UnitPrice));
        }
        var closed = DemandLifecycle.Close(id, demand.Status, eligible.Count, demand.MinimumEligibleBids);
        var status = closed.Status;
        var reason = status == DemandStatus.Unsuccessful ? $"Bidding closed with {eligible.Count} eligible bid(s); {demand.MinimumEligibleBids} required." : null;
        await db.ExecuteAsync(CloseSql, new { id, status, reason, now }, ct);
        outbox.Publish(closed.Event);
        // Too few eligible bids: the tender failed, and every opened bid with it.
        if (status == DemandStatus.Unsuccessful)
            foreach (var bid in opened)
                await BidTransitions.ApplyAsync(db, outbox, bid, BidLifecycle.Lose(bid, null), now, ct);
        if (status == DemandStatus.Evaluating)
        {
            foreach (var warning in BidPatterns.Warnings(eligible, demand.BudgetCeiling))
                await alerts.RaiseAsync(new RiskAlert(warning.Type, $"{warning.Type}:{id}:{warning.Key}", demand.RegionCode, "demand", id.ToString(), demand.Title,
                    $"Demand {demand.Number} ({demand.Title}): {warning.Message}", $"需求{demand.Number}（{demand.Title}）：{warning.MessageZh}",
                    new
                    {
                        demand = $"/api/v1/demands/{id}", bids = warning.Bids.Select(b => new { b.BidId, enterprise = b.EnterpriseName, b.Price }),
                        budgetCeiling = demand.BudgetCeiling, eligibleBids = eligible.Count,
                    }), now, ct);
            // Bids are opened now, no earlier: the market-price rule never looks at a sealed bid.
            await PriceAlerts.RaiseFarBelowMedianAsync(db, alerts, demand, priced, now, ct);
        }
        return status;
    }

    // Not while bidding is open: a deadline extended since the run selected the demand keeps it open.
    private static readonly Sql HoldSql = new($"""
        update demands set status = status where id = @demandId and status = 'open' and not {BiddingGuard.Open}
        """);
    private static readonly Sql OpenSql = new("""
        update bids set status = @status, eligible = @eligible, ineligibility_reason = @reason, updated_at = @now where id = @id and status = 'live'
        """);
    private static readonly Sql CloseSql = new("""
        update demands set status = @status, status_reason = @reason, closed_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @id and status = 'open'
        """);
}
