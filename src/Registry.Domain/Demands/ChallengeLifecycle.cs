using System.Globalization;
using Registry.Domain.Events;
using Registry.Domain.Time;

namespace Registry.Domain.Demands;

/// <summary>What a challenge (质疑) contests: the demand's terms (采购文件) or its result (采购结果).</summary>
public static class ChallengeKind
{
    public const string Terms = "terms";
    public const string Result = "result";

    public static IReadOnlyList<string> All { get; } = [Terms, Result];
}

public static class ChallengeStatus
{
    /// <summary>Filed, waiting for the agency's answer.</summary>
    public const string Filed = "filed";
    public const string Answered = "answered";
    /// <summary>Taken to the regulator as a complaint (投诉).</summary>
    public const string Complained = "complained";

    public static IReadOnlyList<string> All { get; } = [Filed, Answered, Complained];
}

/// <summary>A challenge as its rules see it.</summary>
public sealed record ChallengeState(Guid ChallengeId, Guid DemandId, Guid EnterpriseId, string Kind, string Status, DateTimeOffset AnswerDue,
    DateTimeOffset? AnsweredAt);

/// <summary>
/// A bidder's challenge (质疑, 《政府采购法》第五十二条、第五十三条) and its way to a complaint (投诉, 第五十五条). The law counts working
/// days (7 to challenge, 7 to answer, 15 to complain); the platform counts calendar days, configurable, and states each limit
/// in China time. Terms are challenged while bidding is open; the result during its publicity after the award, only by a
/// bidder whose bid was opened. The agency answers within the answer period; the challenger complains within the complaint
/// period after the answer, or after the answer deadline passed without one.
/// </summary>
public static class ChallengeLifecycle
{
    public static readonly TimeSpan DefaultAnswerPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultComplaintPeriod = TimeSpan.FromDays(15);

    public static DateTimeOffset AnswerDue(DateTimeOffset filedAt, TimeSpan answerPeriod) => filedAt + answerPeriod;

    /// <summary>The last instant (exclusive) a result challenge is accepted: the end of the publicity period.</summary>
    public static DateTimeOffset ResultChallengesCloseAt(DateTimeOffset awardedAt, TimeSpan publicityPeriod) => awardedAt + publicityPeriod;

    /// <summary>The complaint period starts at the answer, or at the answer deadline when none came in time.</summary>
    public static DateTimeOffset ComplaintsOpenAt(ChallengeState challenge) => challenge.AnsweredAt ?? challenge.AnswerDue;

    public static DateTimeOffset ComplaintsCloseAt(ChallengeState challenge, TimeSpan complaintPeriod) => ComplaintsOpenAt(challenge) + complaintPeriod;

    /// <summary>Whether the agency owes an answer past its deadline.</summary>
    public static bool Overdue(ChallengeState challenge, DateTimeOffset now) => challenge.Status == ChallengeStatus.Filed && now >= challenge.AnswerDue;

    public static Changed<ChallengeFiled> FileTerms(Guid challengeId, Guid demandId, Guid enterpriseId, string demandStatus, DateTimeOffset deadline,
        DateTimeOffset now)
    {
        if (!DemandLifecycle.AcceptsBids(demandStatus, deadline, now))
            throw new BusinessRuleException("challenge_period_over",
                $"The terms of this demand could be challenged until its bidding deadline, {ChinaTime.Format(deadline)}.", ChinaTime.Format(deadline))
                { Variant = "terms" };
        return new(ChallengeStatus.Filed, new ChallengeFiled(challengeId, demandId, enterpriseId, ChallengeKind.Terms));
    }

    /// <param name="awardedAt">The award's instant, null when the demand was not awarded.</param>
    /// <param name="bidOpened">Whether the challenger's bid was opened at closing (eligible or not).</param>
    public static Changed<ChallengeFiled> FileResult(Guid challengeId, Guid demandId, Guid enterpriseId, DateTimeOffset? awardedAt, bool bidOpened,
        DateTimeOffset now, TimeSpan publicityPeriod)
    {
        if (awardedAt is not { } awarded)
            throw new BusinessRuleException("not_awarded", "The result of this demand can be challenged only after the award is announced.");
        if (!bidOpened)
            throw new BusinessRuleException("not_a_bidder", "Only a bidder whose bid was opened may challenge the result of this demand.");
        var closes = ResultChallengesCloseAt(awarded, publicityPeriod);
        if (now >= closes)
            throw new BusinessRuleException("challenge_period_over",
                $"The result of this demand could be challenged until {ChinaTime.Format(closes)}, the end of its {Days(publicityPeriod)}-day publicity.", ChinaTime.Format(closes), Days(publicityPeriod))
                { Variant = "result" };
        return new(ChallengeStatus.Filed, new ChallengeFiled(challengeId, demandId, enterpriseId, ChallengeKind.Result));
    }

    /// <summary>The agency answers once; a late answer is still an answer (the overdue alert stays on record).</summary>
    public static Changed<ChallengeAnswered> Answer(ChallengeState challenge, bool upheld, DateTimeOffset now)
    {
        Require(challenge, "answered", ChallengeStatus.Filed);
        return new(ChallengeStatus.Answered,
            new ChallengeAnswered(challenge.ChallengeId, challenge.DemandId, challenge.EnterpriseId, upheld, Late: now >= challenge.AnswerDue));
    }

    public static Changed<ComplaintFiled> Complain(ChallengeState challenge, Guid complaintId, DateTimeOffset now, TimeSpan complaintPeriod)
    {
        Require(challenge, "taken to a complaint", ChallengeStatus.Filed, ChallengeStatus.Answered);
        if (challenge.Status == ChallengeStatus.Filed && now < challenge.AnswerDue)
            throw new BusinessRuleException("answer_pending",
                $"The agency has until {ChinaTime.Format(challenge.AnswerDue)} to answer this challenge; complain after its answer or after that time.", ChinaTime.Format(challenge.AnswerDue));
        var closes = ComplaintsCloseAt(challenge, complaintPeriod);
        if (now >= closes)
            throw new BusinessRuleException("complaint_period_over",
                $"A complaint about this challenge could be filed until {ChinaTime.Format(closes)}, {Days(complaintPeriod)} days after "
                + (challenge.AnsweredAt is null ? "the answer deadline." : "the answer."), ChinaTime.Format(closes), Days(complaintPeriod))
                { Variant = challenge.AnsweredAt is null ? "unanswered" : "answered" };
        return new(ChallengeStatus.Complained, new ComplaintFiled(complaintId, challenge.ChallengeId, challenge.DemandId, challenge.EnterpriseId));
    }

    private static string Days(TimeSpan period) => period.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Require(ChallengeState challenge, string attempted, params string[] from)
    {
        if (!from.Contains(challenge.Status)) throw new InvalidTransitionException("challenge", challenge.Status, attempted);
    }
}

public static class ComplaintStatus
{
    /// <summary>Filed with the regulators, not decided; the procurement goes on.</summary>
    public const string Open = "open";
    /// <summary>Not decided, and the regulator suspended the procurement meanwhile (第五十七条).</summary>
    public const string Suspended = "suspended";
    /// <summary>Decided for the challenger: the agency must redo the challenged step.</summary>
    public const string Upheld = "upheld";
    public const string Dismissed = "dismissed";

    public static IReadOnlyList<string> All { get; } = [Open, Suspended, Upheld, Dismissed];
}

/// <summary>A complaint as its rules see it.</summary>
public sealed record ComplaintState(Guid ComplaintId, Guid ChallengeId, Guid DemandId, string Kind, string Status);

/// <summary>
/// A complaint (投诉) before the regulators of the demand's region: they may suspend the procurement while they handle it
/// (《政府采购法》第五十七条, no closing, evaluation, award or contract step meanwhile) and decide it; deciding lifts the suspension.
/// An upheld complaint makes the agency redo the challenged step: the terms (amend them) or the result (evaluate and award again).
/// </summary>
public static class ComplaintLifecycle
{
    public static Changed<DemandSuspended> Suspend(ComplaintState complaint, string reason)
    {
        if (complaint.Status != ComplaintStatus.Open) throw new InvalidTransitionException("complaint", complaint.Status, "used to suspend the demand");
        return new(ComplaintStatus.Suspended, new DemandSuspended(complaint.DemandId, complaint.ComplaintId, reason));
    }

    /// <summary>The decision, and the demand's resumption when this complaint had suspended it.</summary>
    public static (Changed<ComplaintDecided> Decided, DemandResumed? Resumed) Decide(ComplaintState complaint, bool upheld)
    {
        if (complaint.Status is not (ComplaintStatus.Open or ComplaintStatus.Suspended))
            throw new InvalidTransitionException("complaint", complaint.Status, "decided");
        var decided = new ComplaintDecided(complaint.ComplaintId, complaint.ChallengeId, complaint.DemandId, complaint.Kind, upheld,
            RedoStep: upheld ? complaint.Kind : null);
        return (new(upheld ? ComplaintStatus.Upheld : ComplaintStatus.Dismissed, decided),
            complaint.Status == ComplaintStatus.Suspended ? new DemandResumed(complaint.DemandId, complaint.ComplaintId) : null);
    }
}
