using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;

namespace Registry.Application.Challenges;

/// <summary>
/// A regulator of the demand's region decides a complaint, with its reasoning: upheld, the agency must redo the challenged step
/// (the terms or the result; recorded on the complaint and raised as a <c>complaint_upheld</c> alert). An upheld complaint about
/// the result annuls a contract not yet signed and sends the demand back to evaluation; a signed contract is not unwound here.
/// Dismissed, the procurement goes on. Deciding lifts the suspension; the decision is public.
/// </summary>
[AllowedFor(Roles.Regulator)]
public sealed record DecideComplaint(Guid ComplaintId, bool Upheld, string Reasoning) : ICommand<ChallengeView>;

public sealed class DecideComplaintValidator : AbstractValidator<DecideComplaint>
{
    public DecideComplaintValidator() => RuleFor(x => x.Reasoning).NotEmpty().MultilineText(4000);
}

internal sealed class DecideComplaintHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<DecideComplaint, ChallengeView>
{
    public async Task<ChallengeView> Handle(DecideComplaint c, CancellationToken ct)
    {
        var challenge = await ChallengeReads.OfComplaintAsync(db, c.ComplaintId, ct);
        caller.Require(challenge.Item, Act.AsSupervisor, "complaint", c.ComplaintId, "Only the regulators of the demand's region handle its complaints.");
        var (decided, resumed) = ComplaintLifecycle.Decide(challenge.Complaint, c.Upheld);
        var now = clock.GetUtcNow();
        if (await db.ExecuteAsync(DecideSql, new { id = c.ComplaintId, decided.Status, now, by = caller.RequireOrganization(), c.Upheld, c.Reasoning,
                redo = decided.Event.RedoStep, from = challenge.ComplaintStatus }, ct) == 0)
            throw new InvalidTransitionException("complaint", "decided meanwhile", "decided");
        outbox.Publish(decided.Event);
        if (resumed is not null)
        {
            await db.ExecuteAsync(ResumeSql, new { id = challenge.DemandId, complaintId = c.ComplaintId }, ct);
            outbox.Publish(resumed);
        }
        if (c.Upheld)
        {
            var annulled = challenge.Kind == ChallengeKind.Result && await Contracts.AwardAnnulment.AnnulPendingAsync(db, outbox, clock,
                challenge.DemandId, challenge.Id, "The regulators upheld a complaint about the result.", ct);
            var (stepEn, stepZh) = challenge.Kind != ChallengeKind.Result ? ("amend its terms", "修改采购文件")
                : annulled ? ("evaluate and award again (the unsigned contract is annulled)", "重新评审和授标（未签订的合同已撤销）")
                : ("redo the result; the contract was already signed and stands until the regulators act on it", "重新确定采购结果；合同已签订，由监管部门另行处理");
            await alerts.RaiseAsync(new RiskAlert(AlertTypes.ComplaintUpheld, $"{AlertTypes.ComplaintUpheld}:{c.ComplaintId}", challenge.RegionCode, "demand",
                challenge.DemandId.ToString(), $"{challenge.DemandNumber} {challenge.DemandTitle}",
                $"A complaint about the {challenge.Kind} of demand {challenge.DemandNumber} ({challenge.DemandTitle}) was upheld: the agency must {stepEn}.",
                $"关于需求{challenge.DemandNumber}（{challenge.DemandTitle}）{(challenge.Kind == ChallengeKind.Result ? "采购结果" : "采购文件")}的投诉成立，采购单位须{stepZh}。",
                new
                {
                    demand = $"/api/v1/demands/{challenge.DemandId}", challenge = $"/api/v1/challenges/{challenge.Id}", complaintId = c.ComplaintId,
                    kind = challenge.Kind, redoRequired = decided.Event.RedoStep, awardAnnulled = annulled,
                }), now, ct);
        }
        return (await ChallengeReads.FindAsync(db, challenge.Id, ct)).View(now, bidding.ComplaintPeriod);
    }

    private static readonly Sql DecideSql = new("""
        update demand_complaints set status = @status, decided_at = @now, decided_by = @by, upheld = @upheld, reasoning = @reasoning, redo_step = @redo
        where id = @id and status = @from
        """);

    private static readonly Sql ResumeSql = new("""
        update demands set suspended_by_complaint_id = null where id = @id and suspended_by_complaint_id = @complaintId
        """);
}
