using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Challenges;

/// <summary>
/// The demand's agency answers a challenge (《政府采购法》第五十三条), saying whether it finds it justified. An answer after the
/// deadline is still recorded, as late; the overdue alert it may have raised stays. Upholding a challenge of the result before
/// the contract is signed annuls the award: the demand goes back to evaluation.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record AnswerChallenge(Guid ChallengeId, string Answer, bool Upheld) : ICommand<ChallengeView>;

public sealed class AnswerChallengeValidator : AbstractValidator<AnswerChallenge>
{
    public AnswerChallengeValidator() => RuleFor(x => x.Answer).NotEmpty().MultilineText(4000);
}

internal sealed class AnswerChallengeHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<AnswerChallenge, ChallengeView>
{
    public async Task<ChallengeView> Handle(AnswerChallenge c, CancellationToken ct)
    {
        var challenge = await ChallengeReads.FindAsync(db, c.ChallengeId, ct);
        if (caller.OrganizationId != challenge.AgencyId) throw new NotFound("challenge", c.ChallengeId);
        var now = clock.GetUtcNow();
        var answered = ChallengeLifecycle.Answer(challenge.State, c.Upheld, now);
        if (await db.ExecuteAsync(AnswerSql, new { id = c.ChallengeId, answered.Status, c.Answer, c.Upheld, now, filed = ChallengeStatus.Filed }, ct) == 0)
            throw new InvalidTransitionException("challenge", "answered meanwhile", "answered");
        outbox.Publish(answered.Event);
        if (c.Upheld && challenge.Kind == ChallengeKind.Result)
            // The public reason names no challenger and quotes no answer: both stay with the parties and the regulators.
            await Contracts.AwardAnnulment.AnnulPendingAsync(db, outbox, clock, challenge.DemandId, challenge.Id,
                "The agency upheld a challenge of the result.", ct);
        return (await ChallengeReads.FindAsync(db, c.ChallengeId, ct)).View(now, bidding.ComplaintPeriod);
    }

    // Answered once: a second answer racing the first finds the challenge no longer filed.
    private static readonly Sql AnswerSql = new("""
        update demand_challenges set status = @status, answer = @answer, upheld = @upheld, answered_at = @now where id = @id and status = @filed
        """);
}
