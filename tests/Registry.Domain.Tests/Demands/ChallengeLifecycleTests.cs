using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

public sealed class ChallengeLifecycleTests
{
    // Deadline and award at 10:00 China time (02:00 UTC); the default periods are 7 days to answer and 15 to complain.
    private static readonly DateTimeOffset Deadline = new(2026, 3, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Awarded = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Publicity = TimeSpan.FromDays(7);
    private static readonly Guid Demand = Guid.CreateVersion7(), Enterprise = Guid.CreateVersion7(), Challenge = Guid.CreateVersion7(),
        Complaint = Guid.CreateVersion7();

    private static ChallengeState Filed(DateTimeOffset filedAt, string kind = ChallengeKind.Terms) =>
        new(Challenge, Demand, Enterprise, kind, ChallengeStatus.Filed, ChallengeLifecycle.AnswerDue(filedAt, ChallengeLifecycle.DefaultAnswerPeriod), null);

    [Fact]
    public void Terms_are_challenged_until_the_instant_of_the_bidding_deadline_and_refused_from_it_naming_the_China_time()
    {
        var filed = ChallengeLifecycle.FileTerms(Challenge, Demand, Enterprise, DemandStatus.Open, Deadline, Deadline.AddTicks(-1));
        Assert.Equal(ChallengeStatus.Filed, filed.Status);
        Assert.Equal(new ChallengeFiled(Challenge, Demand, Enterprise, ChallengeKind.Terms), filed.Event);

        var late = Assert.Throws<BusinessRuleException>(() => ChallengeLifecycle.FileTerms(Challenge, Demand, Enterprise, DemandStatus.Open, Deadline, Deadline));
        Assert.Equal("challenge_period_over", late.Code);
        Assert.Contains("2026-03-20 10:00 (UTC+08:00)", late.Message, StringComparison.Ordinal);
        Assert.Throws<BusinessRuleException>(() =>
            ChallengeLifecycle.FileTerms(Challenge, Demand, Enterprise, DemandStatus.Evaluating, Deadline, Deadline.AddDays(-1)));
    }

    [Fact]
    public void The_result_is_challenged_during_the_publicity_period_only_by_a_bidder_whose_bid_was_opened()
    {
        var last = Awarded + Publicity - TimeSpan.FromTicks(1);
        Assert.Equal(ChallengeKind.Result, ChallengeLifecycle.FileResult(Challenge, Demand, Enterprise, Awarded, true, last, Publicity).Event.Kind);

        var late = Assert.Throws<BusinessRuleException>(() => ChallengeLifecycle.FileResult(Challenge, Demand, Enterprise, Awarded, true, Awarded + Publicity, Publicity));
        Assert.Equal("challenge_period_over", late.Code);
        Assert.Contains("2026-04-08 10:00 (UTC+08:00)", late.Message, StringComparison.Ordinal);
        Assert.Equal("not_a_bidder",
            Assert.Throws<BusinessRuleException>(() => ChallengeLifecycle.FileResult(Challenge, Demand, Enterprise, Awarded, false, Awarded, Publicity)).Code);
        Assert.Equal("not_awarded",
            Assert.Throws<BusinessRuleException>(() => ChallengeLifecycle.FileResult(Challenge, Demand, Enterprise, null, true, Awarded, Publicity)).Code);
    }

    [Fact]
    public void A_challenge_is_answered_once_and_an_answer_from_the_deadline_on_is_recorded_as_late()
    {
        var filedAt = Deadline.AddDays(-3);
        var challenge = Filed(filedAt);
        Assert.Equal(filedAt.AddDays(7), challenge.AnswerDue);
        Assert.False(ChallengeLifecycle.Answer(challenge, upheld: false, challenge.AnswerDue.AddTicks(-1)).Event.Late);
        var late = ChallengeLifecycle.Answer(challenge, upheld: true, challenge.AnswerDue);
        Assert.Equal(ChallengeStatus.Answered, late.Status);
        Assert.Equal(new ChallengeAnswered(Challenge, Demand, Enterprise, true, true), late.Event);
        Assert.Throws<InvalidTransitionException>(() => ChallengeLifecycle.Answer(challenge with { Status = ChallengeStatus.Answered }, true, filedAt));
    }

    [Fact]
    public void An_unanswered_challenge_is_overdue_from_the_instant_of_its_answer_deadline()
    {
        var challenge = Filed(Deadline.AddDays(-3));
        Assert.False(ChallengeLifecycle.Overdue(challenge, challenge.AnswerDue.AddTicks(-1)));
        Assert.True(ChallengeLifecycle.Overdue(challenge, challenge.AnswerDue));
        Assert.False(ChallengeLifecycle.Overdue(challenge with { Status = ChallengeStatus.Answered }, challenge.AnswerDue.AddDays(1)));
    }

    [Fact]
    public void An_unanswered_challenge_goes_to_a_complaint_from_its_answer_deadline_for_the_complaint_period()
    {
        var challenge = Filed(Deadline.AddDays(-3));
        var pending = Assert.Throws<BusinessRuleException>(() =>
            ChallengeLifecycle.Complain(challenge, Complaint, challenge.AnswerDue.AddTicks(-1), ChallengeLifecycle.DefaultComplaintPeriod));
        Assert.Equal("answer_pending", pending.Code);
        Assert.Contains("(UTC+08:00)", pending.Message, StringComparison.Ordinal);

        var complained = ChallengeLifecycle.Complain(challenge, Complaint, challenge.AnswerDue, ChallengeLifecycle.DefaultComplaintPeriod);
        Assert.Equal(ChallengeStatus.Complained, complained.Status);
        Assert.Equal(new ComplaintFiled(Complaint, Challenge, Demand, Enterprise), complained.Event);

        var closes = challenge.AnswerDue + ChallengeLifecycle.DefaultComplaintPeriod;
        ChallengeLifecycle.Complain(challenge, Complaint, closes.AddTicks(-1), ChallengeLifecycle.DefaultComplaintPeriod);
        Assert.Equal("complaint_period_over",
            Assert.Throws<BusinessRuleException>(() => ChallengeLifecycle.Complain(challenge, Complaint, closes, ChallengeLifecycle.DefaultComplaintPeriod)).Code);
    }

    [Fact]
    public void An_answered_challenge_goes_to_a_complaint_within_the_complaint_period_after_the_answer_and_only_once()
    {
        var answeredAt = Deadline.AddDays(-2);
        var challenge = Filed(Deadline.AddDays(-3)) with { Status = ChallengeStatus.Answered, AnsweredAt = answeredAt };
        Assert.Equal(answeredAt.AddDays(15), ChallengeLifecycle.ComplaintsCloseAt(challenge, ChallengeLifecycle.DefaultComplaintPeriod));
        ChallengeLifecycle.Complain(challenge, Complaint, answeredAt, ChallengeLifecycle.DefaultComplaintPeriod);
        var late = Assert.Throws<BusinessRuleException>(() =>
            ChallengeLifecycle.Complain(challenge, Complaint, answeredAt.AddDays(15), ChallengeLifecycle.DefaultComplaintPeriod));
        Assert.Contains("2026-04-02 10:00 (UTC+08:00)", late.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidTransitionException>(() =>
            ChallengeLifecycle.Complain(challenge with { Status = ChallengeStatus.Complained }, Complaint, answeredAt, ChallengeLifecycle.DefaultComplaintPeriod));
    }

    [Fact]
    public void A_regulator_suspends_an_open_complaints_demand_once_and_the_decision_lifts_the_suspension()
    {
        var open = new ComplaintState(Complaint, Challenge, Demand, ChallengeKind.Result, ComplaintStatus.Open);
        var suspended = ComplaintLifecycle.Suspend(open, "审查评标过程");
        Assert.Equal(ComplaintStatus.Suspended, suspended.Status);
        Assert.Equal(new DemandSuspended(Demand, Complaint, "审查评标过程"), suspended.Event);
        Assert.Throws<InvalidTransitionException>(() => ComplaintLifecycle.Suspend(open with { Status = ComplaintStatus.Suspended }, "再次"));

        var (decided, resumed) = ComplaintLifecycle.Decide(open with { Status = ComplaintStatus.Suspended }, upheld: true);
        Assert.Equal(ComplaintStatus.Upheld, decided.Status);
        Assert.Equal(ChallengeKind.Result, decided.Event.RedoStep);
        Assert.Equal(new DemandResumed(Demand, Complaint), resumed);
    }

    [Fact]
    public void A_dismissed_complaint_requires_no_redo_and_a_decided_complaint_is_decided_once()
    {
        var open = new ComplaintState(Complaint, Challenge, Demand, ChallengeKind.Terms, ComplaintStatus.Open);
        var (decided, resumed) = ComplaintLifecycle.Decide(open, upheld: false);
        Assert.Equal(ComplaintStatus.Dismissed, decided.Status);
        Assert.Null(decided.Event.RedoStep);
        Assert.Null(resumed);
        Assert.Throws<InvalidTransitionException>(() => ComplaintLifecycle.Decide(open with { Status = ComplaintStatus.Dismissed }, true));
        Assert.Throws<InvalidTransitionException>(() => ComplaintLifecycle.Suspend(open with { Status = ComplaintStatus.Upheld }, "晚了"));
    }
}
