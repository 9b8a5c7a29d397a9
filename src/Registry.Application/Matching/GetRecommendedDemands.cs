using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Time;

namespace Registry.Application.Matching;

/// <summary>
/// The open demands an enterprise may bid on, ranked by the match score with its breakdown, and its gap advice: the open
/// demands it misses by exactly one rule, grouped by rule with their count and total budget (docs/matching.md). For the
/// enterprise itself and the regulators of its region; the enterprise is public, so anyone else is refused with 403.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Certifier, Roles.Enterprise, Roles.Node, Roles.Admin)]
public sealed record GetRecommendedDemands(Guid EnterpriseId, int Top = MatchLimits.DefaultTop) : IQuery<RecommendedDemandsView>;

public sealed class GetRecommendedDemandsValidator : AbstractValidator<GetRecommendedDemands>
{
    public GetRecommendedDemandsValidator() => RuleFor(x => x.Top).InclusiveBetween(1, MatchLimits.MaxTop);
}

internal sealed class GetRecommendedDemandsHandler(IReadDb db, ICaller caller, MatchingIndex index, MatchingFeed feed, TimeProvider clock)
    : IRequestHandler<GetRecommendedDemands, RecommendedDemandsView>
{
    public async Task<RecommendedDemandsView> Handle(GetRecommendedDemands q, CancellationToken ct)
    {
        var region = await db.ScalarAsync<string>(RegionSql, new { q.EnterpriseId }, ct) ?? throw new NotFound("enterprise", q.EnterpriseId);
        caller.Require(VisibleItem.Enterprise(q.EnterpriseId, region), Act.AsPartyOrSupervisor, "enterprise", q.EnterpriseId,
            "Only the enterprise itself and the regulators of its region see its recommendations and gap advice.");
        await feed.CatchUpAsync(ct);
        var (answer, asOf) = index.Read(i => i.Recommend(q.EnterpriseId, q.Top, ChinaTime.Today(clock)));
        if (answer is null) throw new NotFound("enterprise", q.EnterpriseId);
        return new RecommendedDemandsView(q.EnterpriseId, answer.EligibleCount, answer.Demands, answer.Gaps, asOf);
    }

    private static readonly Sql RegionSql = new("select region_code from enterprise_profiles where organization_id = @enterpriseId");
}
