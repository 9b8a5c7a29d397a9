namespace Registry.Application.Contracts;

/// <summary>One delivery under a contract and the agency's acceptance decision on it.</summary>
public sealed record DeliveryView(Guid Id, int Attempt, string Description, decimal Quantity, string ManifestSha256, DateTimeOffset DeliveredAt,
    bool OnTime, string Status, int? SampleSize, decimal? MeasuredAccuracy, string? DecisionNote, DateTimeOffset? DecidedAt);

/// <summary>
/// A contract (合同) created by an award: the parties, the value (the winning price), the due date (the delivery date the
/// winner promised) and the accuracy bar; with its deliveries and their acceptance history on the contract page. It is
/// <c>pending</c> from the award until the agency signs it after the result notice's publicity period, then <c>active</c>.
/// </summary>
public sealed record ContractView
{
    public required Guid Id { get; init; }
    public required string Number { get; init; }
    public required Guid DemandId { get; init; }
    public string? DemandNumber { get; init; }
    public required string DemandTitle { get; init; }
    public required Guid BidId { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required Guid EnterpriseId { get; init; }
    public required string EnterpriseNameZh { get; init; }
    public required string Domain { get; init; }
    public required string RegionCode { get; init; }
    public required decimal Value { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required DateOnly DueDate { get; init; }
    /// <summary>The winning bid's rank in the evaluation; anything but 1 comes with <see cref="AwardReason"/>.</summary>
    public required int BidRank { get; init; }
    public string? AwardReason { get; init; }
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public decimal? AcceptedAccuracy { get; init; }
    /// <summary>Whether the accepted delivery came on or before the due date; null until accepted.</summary>
    public bool? OnTime { get; init; }
    public required DateTimeOffset AwardedAt { get; init; }
    /// <summary>When the agency signed it, after the publicity period; null while pending or when annulled.</summary>
    public DateTimeOffset? SignedAt { get; init; }
    /// <summary>When it was completed, terminated or annulled.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
    public required long RowVersion { get; init; }
    /// <summary>Every delivery, oldest first; filled on the contract page, not in lists.</summary>
    public IReadOnlyList<DeliveryView>? Deliveries { get; init; }
}
