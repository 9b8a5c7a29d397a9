using Registry.Domain.Matching;

namespace Registry.Application.Matching;

/// <summary>
/// A demand's best eligible suppliers with each score's breakdown, how many suppliers are eligible in all against the
/// demand's minimum of eligible bids, and its best near-misses with the one rule each misses; as of an outbox sequence.
/// </summary>
public sealed record DemandMatchesView(Guid DemandId, string Status, int EligibleSuppliers, int MinimumEligibleBids, IReadOnlyList<SupplierMatch> Matches,
    IReadOnlyList<NearMiss> NearMisses, IndexAsOf AsOf);

/// <summary>The open demands an enterprise may bid on, best first, and its gap advice; as of an outbox sequence.</summary>
public sealed record RecommendedDemandsView(Guid EnterpriseId, int EligibleDemands, IReadOnlyList<DemandMatch> Demands, IReadOnlyList<GapAdvice> Gaps,
    IndexAsOf AsOf);

/// <summary>How many results a matching answer lists.</summary>
public static class MatchLimits
{
    public const int DefaultTop = 50;
    public const int MaxTop = 200;
}
