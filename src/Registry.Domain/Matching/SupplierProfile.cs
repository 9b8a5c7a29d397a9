using Registry.Domain.Demands;
using Registry.Domain.Reference;

namespace Registry.Domain.Matching;

/// <summary>
/// What matching knows of an enterprise: its standing for eligibility, where it is, its people, its work in hand and its
/// record. The index keeps one per registered enterprise.
/// </summary>
/// <param name="AnnotatorsBySkillLevel">Certified annotators per skill level code (level_5 … level_1).</param>
/// <param name="CommittedVolumePerDay">Σ over its contracts in delivery of volume ÷ days from award to due date.</param>
/// <param name="ActiveContracts">Contracts in delivery (status active).</param>
/// <param name="Record">Accepted deliveries over all domains; null without any.</param>
/// <param name="DomainDeliveries">Accepted deliveries per industry domain code.</param>
/// <param name="Excluded">An exclusion from bidding in force on the China date the index judged it (docs/demands.md, Exclusions).</param>
public sealed record SupplierProfile(
    Guid EnterpriseId,
    string Name,
    string RegionCode,
    Guid? BaseId,
    string? CertificateStatus,
    int? CertificateGrade,
    int MlpsLevel,
    IReadOnlyCollection<(string Modality, string TaskType)> Capabilities,
    IReadOnlyDictionary<string, int> AnnotatorsBySkillLevel,
    double CommittedVolumePerDay,
    int ActiveContracts,
    QualityHistory? Record,
    IReadOnlyDictionary<string, int> DomainDeliveries,
    bool Excluded)
{
    /// <summary>The enterprise as <see cref="BidEligibility"/> reads it.</summary>
    public SupplierStanding Standing => new(CertificateStatus, CertificateGrade, MlpsLevel, Capabilities, Excluded);

    /// <summary>Annotators weighted by skill level: level 5 counts 1, each level up a quarter more, level 1 counts 2.</summary>
    public double EffectiveAnnotators
    {
        get
        {
            double total = 0;
            foreach (var (level, count) in AnnotatorsBySkillLevel) total += Math.Max(0, count) * SkillWeight(level);
            return total;
        }
    }

    /// <summary>How much one annotator at the skill level counts (unknown levels count as level 5).</summary>
    public static double SkillWeight(string level)
    {
        var order = SkillLevels.All.FirstOrDefault(l => l.Code == level)?.Order ?? 1;
        return 1 + 0.25 * (order - 1);
    }

    /// <summary>A contract's volume spread over the days from its award to its due date (at least one): what it takes of a supplier per day.</summary>
    public static double VolumePerDay(decimal volume, DateOnly awardedOn, DateOnly dueDate) =>
        (double)volume / Math.Max(1, dueDate.DayNumber - awardedOn.DayNumber);

    /// <summary>The profile after one more accepted delivery in <paramref name="domain"/>, as the record would show it.</summary>
    public SupplierProfile WithAcceptedDelivery(string domain, decimal accuracy, bool onTime)
    {
        var count = Record?.AcceptedCount ?? 0;
        var mean = Round(((Record?.MeanAccuracy ?? 0) * count + accuracy) / (count + 1));
        var onTimeRate = Round(((Record?.OnTimeRate ?? 0) * count + (onTime ? 1 : 0)) / (count + 1));
        var domains = DomainDeliveries.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        domains[domain] = domains.GetValueOrDefault(domain) + 1;
        return this with { Record = new QualityHistory(count + 1, mean, onTimeRate), DomainDeliveries = domains };
    }

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

/// <summary>A demand as matching reads it: its requirements, its place, its size and its dates.</summary>
public sealed record MatchDemand(
    Guid Id,
    string Title,
    string? Number,
    string RegionCode,
    Guid? PreferredBaseId,
    string Domain,
    DemandRequirements Requirements,
    decimal Volume,
    decimal MinimumAccuracy,
    decimal BudgetCeiling,
    DateOnly DueDate,
    int MinimumEligibleBids)
{
    public static MatchDemand Of(DemandSnapshot demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return new(demand.Id, demand.Title, demand.Number, demand.RegionCode, demand.PreferredBaseId, demand.Domain, demand.Requirements,
            demand.Volume, demand.MinimumAccuracy, demand.BudgetCeiling, demand.DueDate, demand.MinimumEligibleBids);
    }
}
