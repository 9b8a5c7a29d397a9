using Registry.Application.Common;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>
/// Bid rotation (<see cref="BidRotation"/>) at the award that may complete the pattern: the demand's bidders against the awards of
/// the same agency or region over the last 12 months. Raised once per group of enterprises, whichever award completed it.
/// </summary>
internal static class RotationAlerts
{
    public static async Task RaiseIfCompletedAsync(IWriteDb db, RiskAlerts alerts, AwardedTender current, CancellationToken ct)
    {
        if (current.Bidders.Count is < BidRotation.MinimumMembers or > BidRotation.MaximumMembers) return;
        var since = current.AwardedAt.AddMonths(-BidRotation.WindowMonths);
        // Every demand of the group had the group's first member among its bidders: a cheap narrowing before the exact comparison.
        var rows = await db.QueryAsync<TenderRow>(EarlierSql, new
        {
            current.AgencyId, current.RegionCode, since, until = current.AwardedAt, demandId = current.DemandId, member = current.Bidders.Order().First(),
        }, ct);
        var earlier = rows.GroupBy(r => r.DemandId).Select(g => new AwardedTender(g.Key, g.First().AgencyId, g.First().RegionCode,
            g.Select(r => r.BidderId).ToHashSet(), g.First().WinnerId, g.First().AwardedAt)).ToList();
        if (BidRotation.Completed(current, earlier) is not { } pattern) return;

        var names = (await db.QueryAsync<Named>(NamesSql, new { demandId = current.DemandId }, ct)).ToDictionary(n => n.Id, n => n.NameZh);
        string Name(Guid id) => names.GetValueOrDefault(id, id.ToString());
        var group = string.Join("、", pattern.Members.Select(Name));
        var scopeZh = pattern.Scope == "agency" ? "同一采购单位" : "同一地区";
        await alerts.RaiseAsync(new RiskAlert(AlertTypes.BidRotation, $"{AlertTypes.BidRotation}:{pattern.GroupKey}", current.RegionCode, "bidder_group",
            pattern.GroupKey, group,
            $"The same {pattern.Members.Count} enterprises ({group}) bid together on {pattern.Tenders.Count} awarded demands of one {pattern.Scope} within {BidRotation.WindowMonths} months, and {pattern.Winners.Count} of them took turns winning.",
            $"{group}等{pattern.Members.Count}家企业在{BidRotation.WindowMonths}个月内共同参与{scopeZh}的{pattern.Tenders.Count}个已授标需求，其中{pattern.Winners.Count}家轮流中标，疑似轮流中标（围标）。",
            new
            {
                scope = pattern.Scope, agencyId = current.AgencyId, regionCode = current.RegionCode,
                members = pattern.Members.Select(m => new { id = m, name = Name(m), enterprise = $"/api/v1/enterprises/{m}" }),
                demands = pattern.Tenders.Select(t => new { demandId = t.DemandId, demand = $"/api/v1/demands/{t.DemandId}", t.AwardedAt, winner = Name(t.Winner) }),
                winners = pattern.Winners.Count, windowMonths = BidRotation.WindowMonths, minimumTenders = BidRotation.MinimumTenders,
                minimumDistinctWinners = BidRotation.MinimumDistinctWinners,
            }), current.AwardedAt, ct);
    }

    private sealed class TenderRow
    {
        public Guid DemandId { get; init; }
        public Guid AgencyId { get; init; }
        public string RegionCode { get; init; } = "";
        public Guid WinnerId { get; init; }
        public DateTimeOffset AwardedAt { get; init; }
        public Guid BidderId { get; init; }
    }

    private sealed class Named
    {
        public Guid Id { get; init; }
        public string NameZh { get; init; } = "";
    }

    // Awarded demands keep their opened bids as won or lost: those are the demand's bidders.
    private static readonly Sql EarlierSql = new("""
        select c.demand_id, d.agency_id, d.region_code, c.enterprise_id as winner_id, c.awarded_at, b.enterprise_id as bidder_id
        from contracts c join demands d on d.id = c.demand_id join bids b on b.demand_id = c.demand_id and b.status in ('won', 'lost')
        where c.status <> 'annulled' and (d.agency_id = @agencyId or d.region_code = @regionCode)
          and c.awarded_at >= @since and c.awarded_at <= @until and c.demand_id <> @demandId
          and exists (select 1 from bids m where m.demand_id = c.demand_id and m.enterprise_id = @member and m.status in ('won', 'lost'))
        """);

    private static readonly Sql NamesSql = new("""
        select o.id, o.name_zh from organizations o where o.id in (select b.enterprise_id from bids b where b.demand_id = @demandId)
        """);
}
