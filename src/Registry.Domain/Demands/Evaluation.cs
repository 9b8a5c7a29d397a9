using System.Numerics;

namespace Registry.Domain.Demands;

/// <summary>An enterprise's record of accepted deliveries over some scope (one domain, or all domains).</summary>
/// <param name="AcceptedCount">Accepted deliveries (one per completed contract).</param>
/// <param name="MeanAccuracy">Mean measured accuracy of those deliveries.</param>
/// <param name="OnTimeRate">Share of those deliveries made on or before their contract's due date.</param>
public sealed record QualityHistory(int AcceptedCount, decimal MeanAccuracy, decimal OnTimeRate);

/// <summary>What the evaluation needs of a demand: its method, its accuracy bar and its delivery window.</summary>
/// <param name="BiddingClosedOn">The China Standard Time date of the bidding deadline: the start of the delivery window.</param>
public sealed record EvaluationTerms(EvaluationMethod Method, decimal MinimumAccuracy, DateOnly BiddingClosedOn, DateOnly DueDate);

/// <summary>A live bid as the evaluation sees it, with its bidder's eligibility (checked again now) and quality record.</summary>
/// <param name="DomainRecord">The bidder's record in the demand's domain, if any.</param>
/// <param name="OverallRecord">The bidder's record over all domains, if any.</param>
public sealed record BidUnderEvaluation(Guid BidId, Guid EnterpriseId, decimal Price, DateOnly DeliveryDate, decimal Accuracy, DateTimeOffset SubmittedAt,
    bool Eligible, string? IneligibilityReason, QualityHistory? DomainRecord, QualityHistory? OverallRecord);

/// <summary>Where a bid's quality factor came from.</summary>
public static class QualityBasis
{
    /// <summary>The bidder's accepted deliveries in the demand's domain.</summary>
    public const string Domain = "domain";
    /// <summary>No delivery in the domain: the bidder's accepted deliveries in all domains.</summary>
    public const string AllDomains = "all_domains";
    /// <summary>No accepted delivery at all: the neutral factor.</summary>
    public const string Newcomer = "newcomer";
}

/// <summary>
/// A bid's score and how it was reached. Factors are fractions (0 to 1, rounded to four decimals); each score is its weight
/// times the factors as shown, rounded to two decimals, and <see cref="Total"/> is the sum of the three scores as shown, so
/// the ranking can be recomputed by hand from what is published.
/// </summary>
public sealed record ScoreBreakdown(decimal PriceScore, decimal TechnicalScore, decimal QualityScore, decimal Total,
    decimal PriceFactor, decimal AccuracyFactor, decimal DeliveryFactor, string QualityBasis, int QualityDeliveries, decimal QualityFactor);

/// <summary>A bid after evaluation: ranked and scored when eligible; neither when not.</summary>
public sealed record RankedBid(BidUnderEvaluation Bid, int? Rank, ScoreBreakdown? Score)
{
    /// <summary>The bid as the award reads it.</summary>
    public AwardCandidate Candidate => new(Bid.BidId, Bid.EnterpriseId, Bid.Price, Bid.DeliveryDate, Rank, Bid.IneligibilityReason);
}

/// <summary>An evaluated bid as the award rule reads it, from the stored evaluation: its figures, its rank, or why it has none.</summary>
public sealed record AwardCandidate(Guid BidId, Guid EnterpriseId, decimal Price, DateOnly DeliveryDate, int? Rank, string? IneligibilityReason);

/// <summary>
/// Scores and ranks the eligible bids of a demand (DESIGN §3, docs/evaluation.md). One formula serves both methods; lowest
/// price is the comprehensive formula with weights (100, 0, 0), so the lowest eligible price always wins.
/// <list type="bullet">
/// <item>price score = price weight × price factor, the price factor being lowest eligible price ÷ bid price;</item>
/// <item>technical score = technical weight × (accuracy factor + delivery factor) ÷ 2, where the accuracy factor is how far
/// the proposed accuracy lies from the demand's minimum towards 1, and the delivery factor is the share of the delivery
/// window (bidding close to due date) the bid leaves unused;</item>
/// <item>quality score = quality weight × quality factor: the bidder's record against this demand's minimum accuracy,
/// blended by credibility (<see cref="QualityBlend"/>, which the directory's quality sort uses too), so one good delivery
/// does not outweigh experience, and a newcomer gets exactly 0.5 — neither rewarded nor shut out.</item>
/// </list>
/// Ties are broken, in order, by: lower price, higher proposed accuracy, earlier delivery date, earlier submission, and
/// the bid id (ordinal on its lower-case text), so the ranking is total and the same everywhere.
/// </summary>
public static class Evaluation
{
    /// <summary>The quality factor of an enterprise without any accepted delivery.</summary>
    public const decimal NeutralQuality = QualityBlend.Neutral;

    /// <summary>How many neutral deliveries a record is blended with.</summary>
    public const int CredibilityDeliveries = QualityBlend.CredibilityDeliveries;

    public static IReadOnlyList<RankedBid> Rank(EvaluationTerms terms, IEnumerable<BidUnderEvaluation> bids)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var all = bids.ToList();
        var eligible = all.Where(b => b.Eligible).ToList();
        if (eligible.Count == 0) return all.Select(b => new RankedBid(b, null, null)).ToList();
        var lowest = eligible.Min(b => b.Price);
        var ranked = eligible
            .Select(b => (Bid: b, Score: Score(terms, b, lowest)))
            .OrderByDescending(x => x.Score.Total)
            .ThenBy(x => x.Bid.Price)
            .ThenByDescending(x => x.Bid.Accuracy)
            .ThenBy(x => x.Bid.DeliveryDate)
            .ThenBy(x => x.Bid.SubmittedAt)
            .ThenBy(x => x.Bid.BidId.ToString("D"), StringComparer.Ordinal)
            .Select((x, i) => new RankedBid(x.Bid, i + 1, x.Score))
            .ToList();
        return [.. ranked, .. all.Where(b => !b.Eligible).Select(b => new RankedBid(b, null, null))];
    }

    /// <summary>One eligible bid's score, given the lowest eligible price.</summary>
    public static ScoreBreakdown Score(EvaluationTerms terms, BidUnderEvaluation bid, decimal lowestEligiblePrice)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(bid);
        if (bid.Price <= 0) throw new ArgumentOutOfRangeException(nameof(bid), "A bid's price is more than zero.");
        var method = terms.Method;
        var priceFactor = Factor(lowestEligiblePrice / bid.Price);
        var accuracyFactor = AccuracyFactor(bid.Accuracy, terms.MinimumAccuracy);
        var deliveryFactor = DeliveryFactor(bid.DeliveryDate, terms.BiddingClosedOn, terms.DueDate);
        var (basis, record) = bid.DomainRecord is { AcceptedCount: > 0 } domain ? (QualityBasis.Domain, domain)
            : bid.OverallRecord is { AcceptedCount: > 0 } overall ? (QualityBasis.AllDomains, overall)
            : (QualityBasis.Newcomer, null);
        var qualityFactor = record is null ? NeutralQuality : QualityFactor(record, terms.MinimumAccuracy);

        var priceScore = Points(method.PriceWeight * priceFactor);
        var technicalScore = Points(method.TechnicalWeight * (accuracyFactor + deliveryFactor) / 2);
        var qualityScore = Points(method.QualityWeight * qualityFactor);
        return new ScoreBreakdown(priceScore, technicalScore, qualityScore, priceScore + technicalScore + qualityScore,
            priceFactor, accuracyFactor, deliveryFactor, basis, record?.AcceptedCount ?? 0, qualityFactor);
    }

    /// <summary>How far <paramref name="accuracy"/> lies from the minimum towards 1 (1 when the minimum is already 1).</summary>
    public static T AccuracyFactor<T>(T accuracy, T minimumAccuracy) where T : IFloatingPoint<T> =>
        minimumAccuracy >= T.One ? (accuracy >= T.One ? T.One : T.Zero) : Factor((accuracy - minimumAccuracy) / (T.One - minimumAccuracy));

    /// <summary>The share of the delivery window (from bidding close to the due date) left unused by <paramref name="deliveryDate"/>.</summary>
    public static decimal DeliveryFactor(DateOnly deliveryDate, DateOnly biddingClosedOn, DateOnly dueDate)
    {
        var window = Math.Max(1, dueDate.DayNumber - biddingClosedOn.DayNumber);
        return Factor((decimal)(dueDate.DayNumber - deliveryDate.DayNumber) / window);
    }

    /// <summary>The record's factor against this demand's bar, blended with the neutral factor by credibility.</summary>
    public static decimal QualityFactor(QualityHistory record, decimal minimumAccuracy)
    {
        ArgumentNullException.ThrowIfNull(record);
        return QualityBlend.Of(record, minimumAccuracy);
    }

    private static T Factor<T>(T value) where T : IFloatingPoint<T> => T.Round(T.Clamp(value, T.Zero, T.One), 4, MidpointRounding.AwayFromZero);

    private static decimal Points(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The agency's choice of winner, checked against the evaluation.</summary>
public static class AwardRules
{
    /// <summary>
    /// Null when the award may proceed; otherwise the field and the reason it may not. The chosen bid must be ranked;
    /// awarding any bid but the top-ranked one needs a written reason, which regulators see.
    /// </summary>
    public static (string Field, FieldProblem Message)? Problem(AwardCandidate? chosen, string? reason)
    {
        if (chosen is null) return ("bidId", new FieldProblem("award_bid_not_evaluated", "The bid is not among this demand's evaluated bids."));
        if (chosen.Rank is null)
            return ("bidId", new FieldProblem("award_bid_ineligible", $"The bid is not eligible: {chosen.IneligibilityReason}", chosen.IneligibilityReason ?? ""));
        if (chosen.Rank != 1 && string.IsNullOrWhiteSpace(reason))
            return ("reason", new FieldProblem("award_reason_required",
                $"The bid is ranked {chosen.Rank}, not first: awarding it needs a written reason, which regulators will see.",
                chosen.Rank.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }
}
