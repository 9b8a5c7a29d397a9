using Registry.Domain.Audit;

namespace Registry.Domain.Alerts;

/// <summary>How urgently a regulator should look at an alert.</summary>
public static class AlertSeverity
{
    /// <summary>Worth knowing; usually no action (a single bidder, a late delivery, a certificate expiring in 90 days).</summary>
    public const string Info = "info";
    /// <summary>Look into it: a pattern that often has an innocent explanation but sometimes not.</summary>
    public const string Warning = "warning";
    /// <summary>A classic marker of collusion or of work going on without a valid certificate: look into it first.</summary>
    public const string High = "high";

    public static IReadOnlyList<string> All { get; } = [Info, Warning, High];
}

/// <summary>The rules of risk early warning (风险预警), each an alert type with its severity (docs/monitoring.md, "Risk alerts").</summary>
public static class AlertTypes
{
    public const string SingleBidder = "single_bidder";
    public const string IdenticalBids = "identical_bids";
    public const string BidFarBelowBudget = "bid_far_below_budget";
    public const string BidFarBelowMedian = "bid_far_below_median";
    public const string AwardNotTopRanked = "award_not_top_ranked";
    public const string BidRotation = "bid_rotation";
    public const string BidAboveStanding = "bid_above_standing";
    public const string DeliveryLate = "delivery_late";
    public const string DeliveryRejected = "delivery_rejected";
    public const string ContractTerminated = "contract_terminated";
    public const string CertificateExpiring = "certificate_expiring";
    public const string CertificateLapsedInDelivery = "certificate_lapsed_in_delivery";
    public const string ChallengeUnanswered = "challenge_unanswered";
    public const string ComplaintUpheld = "complaint_upheld";

    private static readonly Dictionary<string, string> Severities = new()
    {
        [SingleBidder] = AlertSeverity.Info,
        [IdenticalBids] = AlertSeverity.High,
        [BidFarBelowBudget] = AlertSeverity.Warning,
        [BidFarBelowMedian] = AlertSeverity.Warning,
        [AwardNotTopRanked] = AlertSeverity.Warning,
        [BidRotation] = AlertSeverity.High,
        [BidAboveStanding] = AlertSeverity.Warning,
        [DeliveryLate] = AlertSeverity.Info,
        [DeliveryRejected] = AlertSeverity.Warning,
        [ContractTerminated] = AlertSeverity.Warning,
        [CertificateExpiring] = AlertSeverity.Info,
        [CertificateLapsedInDelivery] = AlertSeverity.High,
        [ChallengeUnanswered] = AlertSeverity.Warning,
        [ComplaintUpheld] = AlertSeverity.Warning,
    };

    public static IReadOnlyList<string> All { get; } = [.. Severities.Keys];

    /// <summary>Each type's name in Chinese and English, for notices and listings.</summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> Names { get; } = new Dictionary<string, (string, string)>
    {
        [SingleBidder] = ("单一投标人", "single bidder"),
        [IdenticalBids] = ("投标报价雷同", "near-identical bids"),
        [BidFarBelowBudget] = ("报价远低于预算", "bid far below the budget"),
        [BidFarBelowMedian] = ("报价远低于市场中位数", "bid far below the market median"),
        [AwardNotTopRanked] = ("未授予排名第一的投标", "award not to the top-ranked bid"),
        [BidRotation] = ("轮流中标", "bid rotation"),
        [BidAboveStanding] = ("超资质投标", "bids above the enterprise's standing"),
        [DeliveryLate] = ("交付逾期", "late delivery"),
        [DeliveryRejected] = ("交付验收不合格", "delivery rejected"),
        [ContractTerminated] = ("合同终止", "contract terminated"),
        [CertificateExpiring] = ("证书即将到期", "certificate expiring"),
        [CertificateLapsedInDelivery] = ("履约期间证书失效", "certificate lapsed during delivery"),
        [ChallengeUnanswered] = ("质疑逾期未答复", "challenge unanswered in time"),
        [ComplaintUpheld] = ("投诉成立", "complaint upheld"),
    };

    public static bool IsKnown(string? type) => type is not null && Severities.ContainsKey(type);

    /// <summary>The severity every alert of the type is raised with.</summary>
    public static string SeverityOf(string type) =>
        Severities.TryGetValue(type, out var severity) ? severity : throw new ArgumentOutOfRangeException(nameof(type), type, "Not an alert type.");
}

/// <summary>
/// A bid far below what the market pays (an abnormally low tender, Government Procurement Law Implementing Regulations art. 60's
/// concern): its unit price is under <see cref="FarBelowShare"/> of the median unit price of the awards of the same modality and
/// volume unit over the last <see cref="WindowMonths"/> months, of which there must be at least <see cref="MinimumPriorAwards"/>.
/// </summary>
public static class UnitPriceOutlier
{
    public const decimal FarBelowShare = 0.5m;
    public const int MinimumPriorAwards = 5;
    public const int WindowMonths = 12;

    /// <summary>The median of the prior awards' unit prices when <paramref name="unitPrice"/> lies far below it; null otherwise or without enough awards.</summary>
    public static decimal? FarBelowMedian(decimal unitPrice, IReadOnlyCollection<decimal> priorUnitPrices)
    {
        ArgumentNullException.ThrowIfNull(priorUnitPrices);
        if (priorUnitPrices.Count < MinimumPriorAwards) return null;
        var median = Median(priorUnitPrices);
        return unitPrice < median * FarBelowShare ? median : null;
    }

    public static decimal Median(IReadOnlyCollection<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>
/// An enterprise that keeps trying to bid above its certificate grade or its security clearance: each refused bid is counted,
/// and <see cref="Threshold"/> refusals within <see cref="WindowDays"/> days raise the alert.
/// </summary>
public static class BidAboveStanding
{
    public const int Threshold = 3;
    public const int WindowDays = 30;

    /// <summary>The refusal codes of <c>BidEligibility</c> that mean "above its standing".</summary>
    public static IReadOnlyList<string> Codes { get; } = ["grade_too_low", "clearance_too_low"];

    public static bool Counts(string code) => Codes.Contains(code);

    public static bool Reached(int attemptsInWindow) => attemptsInWindow >= Threshold;
}

/// <summary>An awarded demand as bid rotation looks at it: who bid (opened bids), who won, for which agency and region.</summary>
public sealed record AwardedTender(Guid DemandId, Guid AgencyId, string RegionCode, IReadOnlySet<Guid> Bidders, Guid Winner, DateTimeOffset AwardedAt);

/// <summary>A group that bid together and took turns winning, with the demands that show it.</summary>
public sealed record RotationPattern(string Scope, IReadOnlyList<Guid> Members, IReadOnlyList<AwardedTender> Tenders, IReadOnlyList<Guid> Winners)
{
    /// <summary>The same group gives the same key whatever the order of its members: the alert is raised once per group.</summary>
    public string GroupKey => AuditChain.Sha256Hex(string.Join(",", Members.Order()))[..32];
}

/// <summary>
/// Bid rotation (OECD Guidelines for Fighting Bid Rigging in Public Procurement, 2009/2025: "bid rotation"): the same small
/// group of <see cref="MinimumMembers"/>–<see cref="MaximumMembers"/> enterprises bids, and nobody else, on at least
/// <see cref="MinimumTenders"/> awarded demands of one agency (or else of one region) within <see cref="WindowMonths"/> months,
/// and at least <see cref="MinimumDistinctWinners"/> different members won them. Evaluated when an award completes the pattern.
/// </summary>
public static class BidRotation
{
    public const int MinimumMembers = 2;
    public const int MaximumMembers = 5;
    public const int MinimumTenders = 4;
    public const int MinimumDistinctWinners = 3;
    public const int WindowMonths = 12;

    /// <summary>The pattern the award <paramref name="current"/> completes among the <paramref name="earlier"/> awards, or null.</summary>
    public static RotationPattern? Completed(AwardedTender current, IReadOnlyCollection<AwardedTender> earlier)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(earlier);
        if (current.Bidders.Count is < MinimumMembers or > MaximumMembers) return null;
        var since = current.AwardedAt.AddMonths(-WindowMonths);
        var sameGroup = earlier.Where(t => t.DemandId != current.DemandId && t.AwardedAt >= since && t.AwardedAt <= current.AwardedAt
            && t.Bidders.SetEquals(current.Bidders)).ToList();
        foreach (var (scope, inScope) in new (string, Func<AwardedTender, bool>)[]
                 {
                     ("agency", t => t.AgencyId == current.AgencyId),
                     ("region", t => t.RegionCode == current.RegionCode),
                 })
        {
            List<AwardedTender> tenders = [.. sameGroup.Where(inScope).OrderBy(t => t.AwardedAt), current];
            var winners = tenders.Select(t => t.Winner).Distinct().ToList();
            if (tenders.Count >= MinimumTenders && winners.Count >= MinimumDistinctWinners)
                return new RotationPattern(scope, [.. current.Bidders.Order()], tenders, winners);
        }
        return null;
    }
}
