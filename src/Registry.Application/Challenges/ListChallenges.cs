using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Access;

namespace Registry.Application.Challenges;

/// <summary>
/// A demand's challenges with their answers and complaints, oldest first: the agency and the regulators of the demand's region see
/// all of them, an enterprise its own. To another agency or regulator the list does not exist.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record ListChallenges(Guid DemandId) : IQuery<IReadOnlyList<ChallengeView>>;

internal sealed class ListChallengesHandler(IReadDb db, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<ListChallenges, IReadOnlyList<ChallengeView>>
{
    public async Task<IReadOnlyList<ChallengeView>> Handle(ListChallenges q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        var sight = caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        var now = clock.GetUtcNow();
        if (caller.Role == Roles.Enterprise)
        {
            var mine = await db.QueryAsync<ChallengeReads.Row>(ChallengeReads.OfEnterpriseSql, new { q.DemandId, enterpriseId = caller.RequireOrganization() }, ct);
            return mine.Select(r => r.View(now, bidding.ComplaintPeriod)).ToList();
        }
        if (!sight.IsParty && !sight.IsSupervisor && !sight.IsOperator) throw new NotFound("demand", q.DemandId);
        var all = await db.QueryAsync<ChallengeReads.Row>(ChallengeReads.OfDemandSql, new { q.DemandId }, ct);
        return all.Select(r => r.View(now, bidding.ComplaintPeriod)).ToList();
    }
}
