using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Access;
using Registry.Domain.Matching;
using Registry.Domain.Time;

namespace Registry.Application.Matching;

/// <summary>
/// The suppliers that could do a demand's work, ranked with their score breakdown, and the best near-misses with the rule each
/// misses (docs/matching.md). For the demand's agency (drafts too, before publishing) and the regulators whose jurisdiction
/// covers its region; a caller who cannot see the demand gets 404, one who sees it but is neither 403.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Certifier, Roles.Enterprise, Roles.Node, Roles.Admin)]
public sealed record GetDemandMatches(Guid DemandId, int Top = MatchLimits.DefaultTop) : IQuery<DemandMatchesView>;

public sealed class GetDemandMatchesValidator : AbstractValidator<GetDemandMatches>
{
    public GetDemandMatchesValidator() => RuleFor(x => x.Top).InclusiveBetween(1, MatchLimits.MaxTop);
}

internal sealed class GetDemandMatchesHandler(IReadDb db, ICaller caller, MatchingIndex index, MatchingFeed feed, TimeProvider clock)
    : IRequestHandler<GetDemandMatches, DemandMatchesView>
{
    public async Task<DemandMatchesView> Handle(GetDemandMatches q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        caller.Require(DemandReads.Item(demand), Act.AsPartyOrSupervisor, "demand", q.DemandId,
            "Only the demand's agency and the regulators of its region see its matches.");
        await feed.CatchUpAsync(ct);
        var (list, asOf) = index.Read(i => i.Top(MatchDemand.Of(demand), q.Top, ChinaTime.Today(clock)));
        return new DemandMatchesView(demand.Id, demand.Status, list.EligibleCount, demand.MinimumEligibleBids, list.Matches, list.NearMisses, asOf);
    }
}
