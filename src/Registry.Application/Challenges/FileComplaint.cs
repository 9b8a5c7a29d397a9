using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Challenges;

/// <summary>
/// The challenger, unsatisfied with the answer or unanswered past its deadline, complains (投诉, 《政府采购法》第五十五条) to the
/// regulators of the demand's region within <see cref="BiddingOptions.ComplaintPeriod"/>. One complaint per challenge.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record FileComplaint(Guid ChallengeId, string Grounds) : ICommand<ChallengeView>;

public sealed class FileComplaintValidator : AbstractValidator<FileComplaint>
{
    public FileComplaintValidator() => RuleFor(x => x.Grounds).NotEmpty().MultilineText(4000);
}

internal sealed class FileComplaintHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<FileComplaint, ChallengeView>
{
    public async Task<ChallengeView> Handle(FileComplaint c, CancellationToken ct)
    {
        var challenge = await ChallengeReads.FindAsync(db, c.ChallengeId, ct);
        if (caller.OrganizationId != challenge.EnterpriseId) throw new NotFound("challenge", c.ChallengeId);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var complained = ChallengeLifecycle.Complain(challenge.State, id, now, bidding.ComplaintPeriod);
        if (await db.ExecuteAsync(ComplainSql, new { c.ChallengeId, complained.Status, from = challenge.Status }, ct) == 0)
            throw new InvalidTransitionException("challenge", "changed meanwhile", "taken to a complaint");
        await db.ExecuteAsync(InsertSql, new { id, c.ChallengeId, challenge.DemandId, c.Grounds, status = ComplaintStatus.Open, now }, ct);
        outbox.Publish(complained.Event);
        return (await ChallengeReads.FindAsync(db, c.ChallengeId, ct)).View(now, bidding.ComplaintPeriod);
    }

    private static readonly Sql ComplainSql = new("update demand_challenges set status = @status where id = @challengeId and status = @from");

    private static readonly Sql InsertSql = new("""
        insert into demand_complaints (id, challenge_id, demand_id, grounds, status, filed_at, suspended_at, suspended_by, suspension_reason,
            decided_at, decided_by, upheld, reasoning, redo_step)
        values (@id, @challengeId, @demandId, @grounds, @status, @now, null, null, null, null, null, null, null, null)
        """);
}
