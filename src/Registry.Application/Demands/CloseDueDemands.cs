using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>Closes every open demand whose deadline has passed; eligibility is checked again and the reasons stored. Safe to run twice.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CloseDueDemands : ICommand<int>;

internal sealed class CloseDueDemandsHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, TimeProvider clock) : IRequestHandler<CloseDueDemands, int>
{
    public async Task<int> Handle(CloseDueDemands c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.QueryAsync<Guid>(DueSql, new { now }, ct);
        foreach (var id in due)
        {
            var demand = (await DemandReads.SnapshotAsync(db, id, ct))!;
            var eligible = new List<BidPatterns.ClosedBid>();
            foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { demandId = id }, ct))
            {
                var problems = await EligibilityReads.ProblemsAsync(db, demand, bid.EnterpriseId, ct);
                await db.ExecuteAsync(EligibilitySql, new
                {
                    bid.Id, eligible = problems.Count == 0, reason = problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message)),
                }, ct);
                if (problems.Count == 0) eligible.Add(new BidPatterns.ClosedBid(bid.Id, bid.EnterpriseNameZh, bid.Price));
            }
            var status = DemandLifecycle.Close(demand.Status, eligible.Count, demand.MinimumEligibleBids);
            var reason = status == DemandStatus.Unsuccessful ? $"Bidding closed with {eligible.Count} eligible bid(s); {demand.MinimumEligibleBids} required." : null;
            await db.ExecuteAsync(CloseSql, new { demandId = id, status, reason, now }, ct);
            if (status == DemandStatus.Evaluating)
                foreach (var (type, key, message) in BidPatterns.Warnings(eligible, demand.BudgetCeiling))
                    await alerts.RaiseAsync(new RiskAlert(type, $"{type}:{id}:{key}", demand.RegionCode, "demand", id.ToString(),
                        $"Demand {demand.Number} ({demand.Title}): {message}"), now, ct);
            outbox.Publish(new DemandClosed(id, status, eligible.Count));
        }
        return due.Count;
    }

    private static readonly Sql DueSql = new("select id from demands where status = 'open' and bid_deadline <= @now order by bid_deadline");
    private static readonly Sql EligibilitySql = new("update bids set eligible = @eligible, ineligibility_reason = @reason where id = @id");
    // Not while bidding is open: a deadline extended since the selection above keeps the demand open.
    private static readonly Sql CloseSql = new($"""
        update demands set status = @status, status_reason = @reason, closed_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @demandId and status = 'open' and not {BiddingGuard.Open}
        """);
}
