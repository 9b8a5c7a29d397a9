using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

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
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        var sight = caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        if (caller.Role == Roles.Enterprise)
        {
            var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { q.DemandId, enterpriseId = caller.OrganizationId }, ct);
            return mine is null ? [] : [mine.ToView()];
        }
        // The bids are the agency's and its supervisors' to read: for anyone else they do not exist.
        if (sight.Refuses(Act.AsPartyOrSupervisor) is not null) throw new NotFound("demand", q.DemandId);
        if (clock.GetUtcNow() < demand.BidDeadline)
            throw new Forbidden($"Bids are sealed until the deadline {Registry.Domain.Time.ChinaTime.Format(demand.BidDeadline)}.")
            {
                Variant = "sealed_bids", Arguments = [Registry.Domain.Time.ChinaTime.Format(demand.BidDeadline)],
            };
        return (await db.QueryAsync<BidRow>(BidSql.AllSql, new { q.DemandId }, ct)).Select(b => b.ToView()).ToList();
    }
}
