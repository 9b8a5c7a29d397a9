using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Challenges;

/// <summary>
/// A regulator of the demand's region suspends the procurement while it handles a complaint (《政府采购法》第五十七条): no closing,
/// evaluation, award or delivery step until the complaint is decided. One suspension per demand at a time; it is public.
/// </summary>
[AllowedFor(Roles.Regulator)]
public sealed record SuspendDemand(Guid ComplaintId, string Reason) : ICommand<ChallengeView>;

public sealed class SuspendDemandValidator : AbstractValidator<SuspendDemand>
{
    public SuspendDemandValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

internal sealed class SuspendDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<SuspendDemand, ChallengeView>
{
    public async Task<ChallengeView> Handle(SuspendDemand c, CancellationToken ct)
    {
        var challenge = await ChallengeReads.OfComplaintAsync(db, c.ComplaintId, ct);
        caller.Require(challenge.Item, Act.AsSupervisor, "complaint", c.ComplaintId, "Only the regulators of the demand's region handle its complaints.");
        var suspended = ComplaintLifecycle.Suspend(challenge.Complaint, c.Reason);
        var now = clock.GetUtcNow();
        if (await db.ExecuteAsync(SuspendDemandSql, new { id = challenge.DemandId, complaintId = c.ComplaintId, now, until = now + bidding.MaxSuspension }, ct) == 0)
            throw new InvalidTransitionException("demand", "suspended by another complaint", "suspended");
        if (await db.ExecuteAsync(SuspendSql, new { id = c.ComplaintId, suspended.Status, now, by = caller.RequireOrganization(), c.Reason,
                open = ComplaintStatus.Open }, ct) == 0)
            throw new InvalidTransitionException("complaint", "changed meanwhile", "used to suspend the demand");
        outbox.Publish(suspended.Event);
        return (await ChallengeReads.FindAsync(db, challenge.Id, ct)).View(now, bidding.ComplaintPeriod);
    }

    // Another complaint's suspension still in force refuses this one; one that has run out does not.
    private static readonly Sql SuspendDemandSql = new($"""
        update demands set suspended_by_complaint_id = @complaintId, suspended_until = @until where id = @id and not ({Suspensions.InForce})
        """);

    private static readonly Sql SuspendSql = new("""
        update demand_complaints set status = @status, suspended_at = @now, suspended_by = @by, suspension_reason = @reason where id = @id and status = @open
        """);
}
