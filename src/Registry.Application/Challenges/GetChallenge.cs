using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Access;

namespace Registry.Application.Challenges;

/// <summary>One challenge with its answer and complaint, for the challenger, the agency and the regulators of the demand's region; 404 to anyone else.</summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record GetChallenge(Guid ChallengeId) : IQuery<ChallengeView>;

internal sealed class GetChallengeHandler(IReadDb db, ICaller caller, TimeProvider clock, BiddingOptions bidding) : IRequestHandler<GetChallenge, ChallengeView>
{
    public async Task<ChallengeView> Handle(GetChallenge q, CancellationToken ct)
    {
        var challenge = await ChallengeReads.FindAsync(db, q.ChallengeId, ct);
        caller.RequireSeen(challenge.Item, "challenge", q.ChallengeId);
        return challenge.View(clock.GetUtcNow(), bidding.ComplaintPeriod);
    }
}
