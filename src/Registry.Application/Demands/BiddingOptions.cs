using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The <c>Bidding</c> configuration section.</summary>
public sealed class BiddingOptions
{
    /// <summary>How long bidding must stay open at least after publication (<c>Bidding:MinimumWindow</c>, default 7 days).</summary>
    public TimeSpan MinimumWindow { get; set; } = DemandLifecycle.DefaultMinimumWindow;

    /// <summary>Bidders' questions close this long before the deadline (<c>Bidding:QuestionPeriod</c>, default 3 days).</summary>
    public TimeSpan QuestionPeriod { get; set; } = QuestionLifecycle.DefaultQuestionPeriod;

    /// <summary>
    /// How long the result notice is in publicity after the award (<c>Bidding:PublicityPeriod</c>, default 7 days: the period in
    /// which a bidder may challenge the result under 《政府采购法》第五十二条).
    /// </summary>
    public TimeSpan PublicityPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The longest a regulator's suspension during a complaint lasts (<c>Bidding:MaxSuspension</c>, default 30 days:
    /// 《政府采购法》第五十七条); the procurement resumes by itself after it if the complaint is still undecided.
    /// </summary>
    public TimeSpan MaxSuspension { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An amendment leaves at least this long until the deadline, moving it out if needed (<c>Bidding:AmendmentNotice</c>, default 15 days).</summary>
    public TimeSpan AmendmentNotice { get; set; } = DemandLifecycle.DefaultAmendmentNotice;

    /// <summary>
    /// How long the agency has to answer a challenge (<c>Bidding:ChallengeAnswerPeriod</c>, default 7 days: 《政府采购法》第五十三条 gives
    /// 7 working days; the platform counts calendar days).
    /// </summary>
    public TimeSpan ChallengeAnswerPeriod { get; set; } = ChallengeLifecycle.DefaultAnswerPeriod;

    /// <summary>
    /// How long the challenger may complain to the regulators after the answer or its deadline (<c>Bidding:ComplaintPeriod</c>, default
    /// 15 days: 第五十五条 gives 15 working days).
    /// </summary>
    public TimeSpan ComplaintPeriod { get; set; } = ChallengeLifecycle.DefaultComplaintPeriod;
}
