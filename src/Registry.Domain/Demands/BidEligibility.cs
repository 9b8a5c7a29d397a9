using Registry.Domain.Alerts;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;
using Registry.Domain.Time;

namespace Registry.Domain.Demands;

/// <summary>What a demand requires of its bidders.</summary>
public sealed record DemandRequirements(int RequiredGrade, string SecurityLevel, string Modality, IReadOnlyList<string> TaskTypes);

/// <summary>An enterprise's standing when it bids: its current certificate, security, capabilities, exclusions.</summary>
public sealed record SupplierStanding(string? CertificateStatus, int? CertificateGrade, int MlpsLevel,
    IReadOnlyCollection<(string Modality, string TaskType)> Capabilities, bool Excluded);

/// <summary>The rules of bid eligibility, one flag each, so a caller can count and name the unmet ones without building sentences.</summary>
[Flags]
public enum EligibilityRules
{
    None = 0,
    CertificateNotActive = 1,
    GradeTooLow = 2,
    ClearanceTooLow = 4,
    CapabilityMissing = 8,
    Excluded = 16,
}

/// <summary>
/// Who may bid (DESIGN §3): an active certificate of at least the required grade, clearance for the demand's data
/// security level, the capability for the modality and every task type, and no exclusion in force. Checked when a bid
/// is submitted and again when bidding closes; matching uses the same rules (<see cref="Unmet"/> over its index, then
/// <see cref="Problems"/> for what it reports).
/// </summary>
public static class BidEligibility
{
    /// <summary>Every unmet rule, each as a code and a sentence; empty when the enterprise may bid.</summary>
    public static IReadOnlyList<(string Code, string Message)> Problems(DemandRequirements demand, SupplierStanding supplier)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(supplier);
        var missing = demand.TaskTypes.Where(t => !supplier.Capabilities.Contains((demand.Modality, t))).ToList();
        var unmet = Unmet(demand.RequiredGrade, demand.SecurityLevel, supplier.CertificateStatus, supplier.CertificateGrade, supplier.MlpsLevel,
            capable: missing.Count == 0, supplier.Excluded);
        var problems = new List<(string, string)>();
        if (unmet.HasFlag(EligibilityRules.CertificateNotActive))
            problems.Add((Code(EligibilityRules.CertificateNotActive), supplier.CertificateStatus is null
                ? "The enterprise holds no certificate."
                : $"The enterprise's certificate is {supplier.CertificateStatus}, not active."));
        if (unmet.HasFlag(EligibilityRules.GradeTooLow))
            problems.Add((Code(EligibilityRules.GradeTooLow), $"The demand requires certificate grade {demand.RequiredGrade} or higher; the enterprise holds grade {supplier.CertificateGrade}."));
        if (unmet.HasFlag(EligibilityRules.ClearanceTooLow))
            problems.Add((Code(EligibilityRules.ClearanceTooLow), demand.SecurityLevel == DataSecurityLevels.Important
                ? $"Important data needs MLPS (等级保护) level 3 or higher; the enterprise has level {supplier.MlpsLevel}."
                : $"No enterprise may handle {demand.SecurityLevel} data."));
        if (unmet.HasFlag(EligibilityRules.CapabilityMissing))
            problems.Add((Code(EligibilityRules.CapabilityMissing), $"The enterprise has not declared {string.Join(", ", missing.Select(t => $"{t} on {demand.Modality}"))}."));
        if (unmet.HasFlag(EligibilityRules.Excluded)) problems.Add((Code(EligibilityRules.Excluded), "The enterprise is excluded from bidding while its exclusion lasts."));
        return problems;
    }

    /// <summary>
    /// The unmet rules as flags, without allocating: the rule itself, which <see cref="Problems"/> words. The grade and the
    /// clearance are only judged on an active certificate; <paramref name="capable"/> says whether the enterprise declared the
    /// demand's modality with every one of its task types.
    /// </summary>
    public static EligibilityRules Unmet(int requiredGrade, string securityLevel, string? certificateStatus, int? certificateGrade, int mlpsLevel,
        bool capable, bool excluded)
    {
        var unmet = EligibilityRules.None;
        var active = certificateStatus == CertificateStatus.Active;
        if (!active) unmet |= EligibilityRules.CertificateNotActive;
        else if ((certificateGrade ?? 0) < requiredGrade) unmet |= EligibilityRules.GradeTooLow;
        if (active && !Clearance.MayHandle(securityLevel, mlpsLevel, active)) unmet |= EligibilityRules.ClearanceTooLow;
        if (!capable) unmet |= EligibilityRules.CapabilityMissing;
        if (excluded) unmet |= EligibilityRules.Excluded;
        return unmet;
    }

    /// <summary>The code a rule is reported with (<c>grade_too_low</c>, ...).</summary>
    public static string Code(EligibilityRules rule) => rule switch
    {
        EligibilityRules.CertificateNotActive => "certificate_not_active",
        EligibilityRules.GradeTooLow => "grade_too_low",
        EligibilityRules.ClearanceTooLow => "clearance_too_low",
        EligibilityRules.CapabilityMissing => "capability_missing",
        EligibilityRules.Excluded => "excluded",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "One rule at a time."),
    };
}

/// <summary>The evaluation method of a demand: lowest price, or comprehensive with weights summing to 100.</summary>
public sealed record EvaluationMethod(string Kind, int PriceWeight, int TechnicalWeight, int QualityWeight)
{
    public const string LowestPrice = "lowest_price";
    public const string Comprehensive = "comprehensive";

    public static IReadOnlyList<string> Kinds { get; } = [LowestPrice, Comprehensive];

    public static EvaluationMethod Lowest { get; } = new(LowestPrice, 100, 0, 0);

    /// <summary>Null when valid; otherwise what is wrong.</summary>
    public FieldProblem? Problem() => Kind switch
    {
        LowestPrice => PriceWeight == 100 && TechnicalWeight == 0 && QualityWeight == 0 ? null
            : new FieldProblem("evaluation_lowest_price_weights", "Lowest price evaluation weighs price alone (100, 0, 0)."),
        Comprehensive when PriceWeight is < 0 or > 100 || TechnicalWeight is < 0 or > 100 || QualityWeight is < 0 or > 100 =>
            new FieldProblem("evaluation_weight_range", "A weight cannot be negative or above 100."),
        Comprehensive when PriceWeight + TechnicalWeight + QualityWeight != 100 => new FieldProblem("evaluation_weights_sum",
            $"Weights must sum to 100, not {PriceWeight + TechnicalWeight + QualityWeight}.", Invariant(PriceWeight + TechnicalWeight + QualityWeight)),
        Comprehensive => null,
        _ => KindProblem(Kind),
    };

    /// <summary>Null when <paramref name="kind"/> names a method; otherwise what the methods are.</summary>
    public static FieldProblem? KindProblem(string? kind) =>
        kind is LowestPrice or Comprehensive ? null : new FieldProblem("evaluation_kind", $"The evaluation method is '{LowestPrice}' or '{Comprehensive}'.", LowestPrice, Comprehensive);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An accuracy (a bid's proposal, a demand's minimum, a sample's measurement) is a fraction of items labelled right.</summary>
public static class AccuracyRule
{
    /// <summary>Null when <paramref name="accuracy"/> is a fraction between 0 and 1, both included.</summary>
    public static FieldProblem? Problem(decimal accuracy) => accuracy is < 0 or > 1 ? new FieldProblem("accuracy_range", "Accuracy is a fraction between 0 and 1.") : null;
}

/// <summary>The rules a bid's own figures must meet against the demand.</summary>
public static class BidRules
{
    public const int MaxTeamSize = 100_000;

    /// <summary>
    /// What is wrong with a bid's figures, by field. The delivery date lies between the day the bid is submitted (China
    /// Standard Time, UTC+8) and the demand's due date, both included: a date in the past cannot be delivered on.
    /// </summary>
    public static IReadOnlyList<(string Field, FieldProblem Problem)> Problems(decimal price, decimal budgetCeiling, DateOnly deliveryDate, DateOnly dueDate,
        decimal accuracy, decimal minimumAccuracy, int teamSize, DateTimeOffset submittedAt)
    {
        var problems = new List<(string, FieldProblem)>();
        if (PriceProblem(price) is { } priceProblem) problems.Add(("price", priceProblem));
        else if (price > budgetCeiling)
            problems.Add(("price", new FieldProblem("price_over_ceiling", $"The price exceeds the budget ceiling of {budgetCeiling:0.00} CNY.", Invariant($"{budgetCeiling:0.00}"))));
        var submittedOn = SubmittedOn(submittedAt);
        if (deliveryDate < submittedOn)
            problems.Add(("deliveryDate", new FieldProblem("delivery_before_submission",
                $"Delivery cannot be before the day the bid is submitted, {submittedOn:yyyy-MM-dd} (China date).", Invariant($"{submittedOn:yyyy-MM-dd}"))));
        else if (deliveryDate > dueDate)
            problems.Add(("deliveryDate", new FieldProblem("delivery_after_due_date",
                $"Delivery must be on or before the due date {dueDate:yyyy-MM-dd} (China date).", Invariant($"{dueDate:yyyy-MM-dd}"))));
        if (AccuracyRule.Problem(accuracy) is { } accuracyProblem) problems.Add(("accuracy", accuracyProblem));
        else if (accuracy < minimumAccuracy)
            problems.Add(("accuracy", new FieldProblem("accuracy_below_minimum",
                $"The proposed accuracy is below the demand's minimum of {minimumAccuracy:0.####}.", Invariant($"{minimumAccuracy:0.####}"))));
        if (TeamSizeProblem(teamSize) is { } teamProblem) problems.Add(("teamSize", teamProblem));
        return problems;
    }

    /// <summary>The part of the price rule that needs no demand: a bid costs something.</summary>
    public static FieldProblem? PriceProblem(decimal price) => price <= 0 ? new FieldProblem("price_not_positive", "The price must be more than zero.") : null;

    /// <summary>A team has 1 to <see cref="MaxTeamSize"/> people.</summary>
    public static FieldProblem? TeamSizeProblem(int teamSize) =>
        teamSize is < 1 or > MaxTeamSize ? new FieldProblem("team_size_range", "The team has 1 to 100,000 people.") : null;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>The calendar day of a submission in China Standard Time (UTC+8).</summary>
    public static DateOnly SubmittedOn(DateTimeOffset submittedAt) => ChinaTime.DateOf(submittedAt);

    /// <summary>Price per unit of volume, rounded to the fen.</summary>
    public static decimal UnitPrice(decimal price, decimal volume) => volume <= 0 ? 0 : Math.Round(price / volume, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Bid patterns regulators are warned of when bidding closes (DESIGN §3, risk alerts): a single eligible bidder; bids whose
/// prices are identical or nearly so (within <see cref="NearIdenticalShare"/> of the lower), a sign of collusion; and bids far
/// below the budget ceiling (under <see cref="FarBelowBudgetShare"/> of it), a sign of an abnormally low tender.
/// </summary>
public static class BidPatterns
{
    public const decimal NearIdenticalShare = 0.005m;
    public const decimal FarBelowBudgetShare = 0.5m;

    public sealed record ClosedBid(Guid BidId, string EnterpriseName, decimal Price);

    /// <summary>A warning for a closed demand: its alert type, the key part that raises it once, English and Chinese sentences, the bids it is about.</summary>
    public sealed record Warning(string Type, string Key, string Message, string MessageZh, IReadOnlyList<ClosedBid> Bids);

    /// <summary>The warnings for a demand's eligible bids at closing.</summary>
    public static IReadOnlyList<Warning> Warnings(IReadOnlyList<ClosedBid> eligible, decimal budgetCeiling)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var warnings = new List<Warning>();
        if (eligible.Count == 1)
            warnings.Add(new(AlertTypes.SingleBidder, "", $"Only one eligible bid, from {eligible[0].EnterpriseName}.",
                $"仅有一家合格投标人：{eligible[0].EnterpriseName}。", [eligible[0]]));
        var byPrice = eligible.OrderBy(b => b.Price).ThenBy(b => b.BidId).ToList();
        var groups = new List<List<ClosedBid>>();
        foreach (var bid in byPrice)
        {
            if (groups.Count > 0 && bid.Price - groups[^1][0].Price <= groups[^1][0].Price * NearIdenticalShare) groups[^1].Add(bid);
            else groups.Add([bid]);
        }
        foreach (var group in groups.Where(g => g.Count > 1))
        {
            var names = string.Join(", ", group.Select(b => string.Create(invariant, $"{b.EnterpriseName} ({b.Price:0.00})")));
            warnings.Add(new(AlertTypes.IdenticalBids, group[0].BidId.ToString(),
                string.Create(invariant, $"{group.Count} bids within {NearIdenticalShare:P1} of {group[0].Price:0.00} CNY: {names}."),
                string.Create(invariant, $"{group.Count}份投标报价相差不超过{NearIdenticalShare * 100:0.#}%（以{group[0].Price:0.00}元为基准）：{names}。"), group));
        }
        foreach (var bid in byPrice.Where(b => b.Price < budgetCeiling * FarBelowBudgetShare))
            warnings.Add(new(AlertTypes.BidFarBelowBudget, bid.BidId.ToString(), string.Create(invariant,
                $"{bid.EnterpriseName} bid {bid.Price:0.00} CNY, under {FarBelowBudgetShare:P0} of the budget ceiling {budgetCeiling:0.00} CNY."),
                string.Create(invariant, $"{bid.EnterpriseName}报价{bid.Price:0.00}元，低于最高限价{budgetCeiling:0.00}元的{FarBelowBudgetShare * 100:0}%。"), [bid]));
        return warnings;
    }
}
