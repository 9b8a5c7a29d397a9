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

    /// <summary>An amendment leaves at least this long until the deadline, moving it out if needed (<c>Bidding:AmendmentNotice</c>, default 15 days).</summary>
    public TimeSpan AmendmentNotice { get; set; } = DemandLifecycle.DefaultAmendmentNotice;
}
