namespace Registry.Domain.Matching;

/// <summary>An eligible supplier, ranked for a demand.</summary>
public sealed record SupplierMatch(int Rank, Guid EnterpriseId, string Name, string RegionCode, MatchScore Score);

/// <summary>A supplier that misses the demand by exactly one eligibility rule, with the rule's code and sentence.</summary>
public sealed record NearMiss(Guid EnterpriseId, string Name, string RegionCode, string Rule, string Message, MatchScore Score);

/// <summary>The best eligible suppliers for a demand, how many are eligible in all, and the best near-misses.</summary>
public sealed record MatchList(int EligibleCount, IReadOnlyList<SupplierMatch> Matches, IReadOnlyList<NearMiss> NearMisses);

/// <summary>An open demand the enterprise may bid on, ranked by the same score.</summary>
public sealed record DemandMatch(int Rank, Guid DemandId, string Title, string? Number, decimal BudgetCeiling, DateOnly DueDate, MatchScore Score);

/// <summary>
/// Open demands the enterprise misses by exactly one rule, grouped by that rule: how many, their budgets together, and in a
/// sentence what meeting the rule would open.
/// </summary>
public sealed record GapAdvice(string Rule, int Demands, decimal TotalBudget, string Advice);

/// <summary>The best open demands for an enterprise, how many it may bid on in all, and its gap advice (largest budget first).</summary>
public sealed record Recommendations(int EligibleCount, IReadOnlyList<DemandMatch> Demands, IReadOnlyList<GapAdvice> Gaps);
