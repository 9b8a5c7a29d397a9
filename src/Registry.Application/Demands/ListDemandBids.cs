using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// A demand's bids, sealed: before the deadline a bidder sees only its own bid and the agency and regulators nothing, not even
/// how many there are (403 here); after it the agency and the regulators of the demand's region see all, each bidder still only its own.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record ListDemandBids(Guid DemandId) : IQuery<IReadOnlyList<BidView>>;

internal sealed class ListDemandBidsHandler(IReadDb db, ICaller caller, TimeProvider clock) : IRequestHandler<ListDemandBids, IReadOnlyList<BidView>>
{
    public async Task<IReadOnlyList<BidView>> Handle(ListDemandBids q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct);
        var isAgency = demand is not null && demand.AgencyId == caller.OrganizationId;
        if (demand is null || (demand.Status == DemandStatus.Draft && !isAgency)) throw new NotFound("demand", q.DemandId);
        if (caller.Role == Roles.Enterprise)
        {
            var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { q.DemandId, enterpriseId = caller.OrganizationId }, ct);
            return mine is null ? [] : [mine.ToView()];
        }
        var entitled = isAgency || caller.Covers(demand.RegionCode);
        if (!entitled) throw new NotFound("demand", q.DemandId);
        if (clock.GetUtcNow() < demand.BidDeadline)
            throw new Forbidden($"Bids are sealed until the deadline {demand.BidDeadline.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        return (await db.QueryAsync<BidRow>(BidSql.AllSql, new { q.DemandId }, ct)).Select(b => b.ToView()).ToList();
    }
}
