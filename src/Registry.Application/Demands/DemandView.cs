using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>A labeling demand (标注需求): the tender an agency publishes.</summary>
public sealed record DemandView
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public Guid? CatalogEntryId { get; init; }
    public string? Number { get; init; }
    public string? Ocid { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string TaskSpecification { get; init; }
    public required IReadOnlyList<string> PositiveExamples { get; init; }
    public required IReadOnlyList<string> NegativeExamples { get; init; }
    public required string Domain { get; init; }
    public required string Modality { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required decimal BudgetCeiling { get; init; }
    public required int RequiredGrade { get; init; }
    public required string SecurityLevel { get; init; }
    public required string RegionCode { get; init; }
    public Guid? PreferredBaseId { get; init; }
    public required EvaluationMethod Evaluation { get; init; }
    public required DateTimeOffset BidDeadline { get; init; }
    public required DateOnly DueDate { get; init; }
    public required int MinimumEligibleBids { get; init; }
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>
    /// How many live bids there are, once bidding has closed; null until then (and for a demand cancelled while open), because
    /// the number of bidders is not disclosed before the bids are opened (Bidding Law art. 22).
    /// </summary>
    public required int? BidCount { get; init; }
    /// <summary>The contract the award created, once awarded.</summary>
    public Guid? ContractId { get; init; }
    public required long RowVersion { get; init; }
    /// <summary>What the caller should know about the change it just made; only publishing gives any (docs/matching.md).</summary>
    public IReadOnlyList<DemandWarning> Warnings { get; init; } = [];
}

/// <summary>A warning about a demand, as a stable code and a sentence.</summary>
public sealed record DemandWarning(string Code, string Message);
