using Registry.Domain.Time;

namespace Registry.Domain.Demands;

/// <summary>
/// A demand as its rules see it: the fields the lifecycle, bid figures, eligibility and evaluation read, with the row
/// version it was read at. Handlers decide on this, never on the demand's API answer, which carries presentation (examples,
/// bid counts, names) and can change shape for callers without changing a rule.
/// </summary>
/// <param name="Number">The public tender number once published; with <see cref="Title"/> it names the demand in alerts.</param>
public sealed record DemandSnapshot(
    Guid Id,
    Guid AgencyId,
    string Status,
    string RegionCode,
    string Domain,
    string Modality,
    IReadOnlyList<string> TaskTypes,
    decimal Volume,
    string VolumeUnit,
    decimal MinimumAccuracy,
    decimal BudgetCeiling,
    int RequiredGrade,
    string SecurityLevel,
    EvaluationMethod Evaluation,
    DateTimeOffset BidDeadline,
    DateOnly DueDate,
    int MinimumEligibleBids,
    Guid? PreferredBaseId,
    Guid? CatalogEntryId,
    string? Number,
    string Title,
    long RowVersion)
{
    /// <summary>What the demand requires of its bidders (<see cref="BidEligibility"/>).</summary>
    public DemandRequirements Requirements => new(RequiredGrade, SecurityLevel, Modality, TaskTypes);

    /// <summary>What the evaluation reads: the method, the accuracy bar and the delivery window from the deadline's China day to the due date.</summary>
    public EvaluationTerms EvaluationTerms => new(Evaluation, MinimumAccuracy, ChinaTime.DateOf(BidDeadline), DueDate);
}
