using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>One bid as the opening record (开标记录) reads it out: who bid, when, at what price, and whether it was eligible.</summary>
public sealed record OpenedBidView(string EnterpriseNameZh, DateTimeOffset SubmittedAt, decimal Price, bool Eligible, string? IneligibilityReason);

/// <summary>The bid-opening record of a demand whose bidding has closed.</summary>
public sealed record BidOpeningView(Guid DemandId, DateTimeOffset OpenedAt, IReadOnlyList<OpenedBidView> Bids);

/// <summary>
/// The bid-opening record, once bidding has closed: every bid that was still standing at the deadline, in submission
/// order, with its bidder, time and price. Shown to the demand's agency, to the regulators of its region and to every
/// enterprise whose bid was opened (the bidders present at an opening hear it read out); to anyone else it does not exist,
/// and before the deadline it does not exist for anyone.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record GetBidOpening(Guid DemandId) : IQuery<BidOpeningView>;

internal sealed class GetBidOpeningHandler(IReadDb db, ICaller caller) : IRequestHandler<GetBidOpening, BidOpeningView>
{
    public async Task<BidOpeningView> Handle(GetBidOpening q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        var sight = caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        var openedAt = await db.ScalarAsync<DateTimeOffset?>(ClosedAtSql, new { id = q.DemandId }, ct);
        if (openedAt is null || demand.Status is DemandStatus.Open or DemandStatus.Draft) throw new NotFound("bid opening", q.DemandId);
        var rows = (await db.QueryAsync<Row>(OpenedSql, new { q.DemandId }, ct)).ToList();
        var entitled = sight.Refuses(Act.AsPartyOrSupervisor) is null
            || (caller.Role == Roles.Enterprise && rows.Any(r => r.EnterpriseId == caller.OrganizationId));
        if (!entitled) throw new NotFound("bid opening", q.DemandId);
        return new BidOpeningView(q.DemandId, openedAt.Value,
            rows.Select(r => new OpenedBidView(r.EnterpriseNameZh, r.SubmittedAt, r.Price, r.Eligible ?? false, r.IneligibilityReason)).ToList());
    }

    private sealed record Row
    {
        public Guid EnterpriseId { get; init; }
        public string EnterpriseNameZh { get; init; } = "";
        public DateTimeOffset SubmittedAt { get; init; }
        public decimal Price { get; init; }
        public bool? Eligible { get; init; }
        public string? IneligibilityReason { get; init; }
    }

    private static readonly Sql ClosedAtSql = new("select closed_at from demands where id = @id");

    // The bids opened at closing keep their eligibility through the award (won and lost are decided among them).
    private static readonly Sql OpenedSql = new("""
        select b.enterprise_id, o.name_zh as enterprise_name_zh, b.submitted_at, b.price, b.eligible, b.ineligibility_reason
        from bids b join organizations o on o.id = b.enterprise_id
        where b.demand_id = @demandId and b.eligible is not null
        order by b.submitted_at, b.id
        """);
}
