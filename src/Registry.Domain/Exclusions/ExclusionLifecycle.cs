using Registry.Domain.Events;

namespace Registry.Domain.Exclusions;

/// <summary>What an exclusion is: a debarment from procurement, a listing on a credit blacklist, or a court's order.</summary>
public static class ExclusionTypes
{
    /// <summary>禁止参加政府采购活动: a ban from tendering, e.g. 《政府采购法》第七十七条 (one to three years).</summary>
    public const string Debarment = "debarment";
    /// <summary>严重失信主体名单: listed as seriously untrustworthy (信用中国), joint punishment excludes it from tenders.</summary>
    public const string CreditBlacklist = "credit_blacklist";
    /// <summary>A court's order (e.g. a bribery conviction under 《招标投标法》第五十四条) that bars it from tendering.</summary>
    public const string CourtOrder = "court_order";

    public static IReadOnlyList<string> All { get; } = [Debarment, CreditBlacklist, CourtOrder];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type);
}

/// <summary>Who decided the exclusion that a regulator records.</summary>
public static class ExclusionSources
{
    /// <summary>A procurement or data regulator's own administrative decision.</summary>
    public const string Regulator = "regulator";
    /// <summary>A court's judgment or ruling.</summary>
    public const string Court = "court";
    /// <summary>The national credit information platform (信用中国) and its lists of untrustworthy entities.</summary>
    public const string CreditChina = "credit_china";
    /// <summary>Another government department's decision (market regulation, tax), recorded here under joint punishment.</summary>
    public const string OtherAuthority = "other_authority";

    public static IReadOnlyList<string> All { get; } = [Regulator, Court, CreditChina, OtherAuthority];

    public static bool IsKnown(string? source) => source is not null && All.Contains(source);
}

/// <summary>Where an exclusion stands on a China date: a function of its period and of whether it was lifted, never stored.</summary>
public static class ExclusionStatus
{
    /// <summary>Recorded with a start date still to come; the enterprise may bid until then.</summary>
    public const string Scheduled = "scheduled";
    /// <summary>The enterprise may not bid, is dropped at closing and at award, and is left out of matching.</summary>
    public const string InForce = "in_force";
    /// <summary>Its last day has passed.</summary>
    public const string Ended = "ended";
    /// <summary>Lifted early by a regulator, with a reason.</summary>
    public const string Lifted = "lifted";

    public static IReadOnlyList<string> All { get; } = [Scheduled, InForce, Ended, Lifted];
}

/// <summary>
/// The days an exclusion covers, in China time (UTC+8): from <see cref="Start"/> to <see cref="End"/>, both included; no end
/// means until lifted (a blacklisting without a fixed term lasts until the listing is withdrawn).
/// </summary>
public readonly record struct ExclusionPeriod(DateOnly Start, DateOnly? End)
{
    /// <summary>Whether the day is an excluded day: the first and the last day are; the day after the last is not.</summary>
    public bool Covers(DateOnly day) => Start <= day && (End is not { } end || day <= end);

    /// <summary>Whether the period is over on the day: its last day is before it.</summary>
    public bool EndedBy(DateOnly day) => End is { } end && end < day;

    /// <summary>Where an exclusion with this period stands on the day, unless it was lifted.</summary>
    public string StatusOn(DateOnly day) => day < Start ? ExclusionStatus.Scheduled : EndedBy(day) ? ExclusionStatus.Ended : ExclusionStatus.InForce;
}

/// <summary>What a regulator records: the enterprise, the kind of exclusion, why, under which law, on whose decision, and when.</summary>
public sealed record ExclusionTerms(Guid ExclusionId, Guid EnterpriseId, string Type, string Source, string Reason, string LegalBasis, ExclusionPeriod Period);

/// <summary>An exclusion as its lifecycle sees it.</summary>
public sealed record ExclusionState(Guid ExclusionId, Guid EnterpriseId, ExclusionPeriod Period, bool Lifted);

/// <summary>
/// The exclusion rules: an exclusion is recorded for a period whose end is not before its start nor already past (an
/// exclusion that excludes nobody from anything is not recorded); it excludes on every day of its period, both ends included,
/// unless lifted. Lifting ends it at once and needs a reason; an exclusion not yet begun may be lifted (withdrawn before it
/// takes effect), one already ended or lifted may not.
/// </summary>
public static class ExclusionLifecycle
{
    public const int ReasonLength = 2000;
    public const int LegalBasisLength = 500;

    public static Changed<ExclusionRecorded> Record(ExclusionTerms terms, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!ExclusionTypes.IsKnown(terms.Type))
            throw new BusinessRuleException("unknown_exclusion_type", $"An exclusion's type is one of: {string.Join(", ", ExclusionTypes.All)}.",
                string.Join(", ", ExclusionTypes.All));
        if (!ExclusionSources.IsKnown(terms.Source))
            throw new BusinessRuleException("unknown_exclusion_source", $"An exclusion's source is one of: {string.Join(", ", ExclusionSources.All)}.",
                string.Join(", ", ExclusionSources.All));
        if (terms.Period.End is { } end && end < terms.Period.Start)
            throw new BusinessRuleException("end_before_start", "An exclusion's end date cannot be before its start date.");
        if (terms.Period.EndedBy(today))
            throw new BusinessRuleException("exclusion_already_ended", $"An exclusion ending before today ({today:yyyy-MM-dd}, China date) excludes from nothing.",
                today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Required(terms.Reason, "reason");
        Required(terms.LegalBasis, "legal_basis");
        return new(terms.Period.StatusOn(today), new ExclusionRecorded(terms.ExclusionId, terms.EnterpriseId, terms.Type, terms.Source,
            terms.LegalBasis.Trim(), terms.Period.Start, terms.Period.End));
    }

    public static Changed<ExclusionLifted> Lift(ExclusionState exclusion, string reason, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        var status = StatusOn(exclusion, today);
        if (status is ExclusionStatus.Lifted or ExclusionStatus.Ended) throw new InvalidTransitionException("exclusion", status, "lifted");
        return new(ExclusionStatus.Lifted, new ExclusionLifted(exclusion.ExclusionId, exclusion.EnterpriseId, today, Required(reason, "reason")));
    }

    /// <summary>Where the exclusion stands on the day.</summary>
    public static string StatusOn(ExclusionState exclusion, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        return exclusion.Lifted ? ExclusionStatus.Lifted : exclusion.Period.StatusOn(day);
    }

    /// <summary>Whether the exclusion keeps its enterprise from bidding on the day.</summary>
    public static bool InForce(ExclusionState exclusion, DateOnly day) => StatusOn(exclusion, day) == ExclusionStatus.InForce;

    // An exclusion or its lifting without a stated reason could not be contested, nor audited.
    private static string Required(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw new BusinessRuleException($"{name}_required", $"An exclusion needs a {name.Replace('_', ' ')}.") { Variant = "exclusion" } : text.Trim();
}
