using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>One bid in an evaluation: its figures, its eligibility, and, when eligible, its rank and score breakdown.</summary>
public sealed record EvaluatedBidView(Guid BidId, Guid EnterpriseId, string EnterpriseNameZh, decimal Price, decimal Accuracy, DateOnly DeliveryDate,
    bool Eligible, string? IneligibilityReason, int? Rank, ScoreBreakdown? Score);

/// <summary>A demand's evaluation: the method and terms it applied, and the bids in rank order (ineligible bids last).</summary>
public sealed record EvaluationView
{
    public required Guid DemandId { get; init; }
    public required EvaluationMethod Method { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required DateOnly BiddingClosedOn { get; init; }
    public required DateOnly DueDate { get; init; }
    public decimal? LowestEligiblePrice { get; init; }
    public required int EligibleBids { get; init; }
    /// <summary>How many times the demand has been evaluated; each run replaces the previous result.</summary>
    public required int Runs { get; init; }
    public required DateTimeOffset EvaluatedAt { get; init; }
    public required IReadOnlyList<EvaluatedBidView> Bids { get; init; }
}
