using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Matching;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Matching;

/// <summary>A supplier and a demand that match on every rule, to be varied one field at a time.</summary>
internal static class MatchingExamples
{
    public static readonly DateOnly Today = new(2026, 12, 1);

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static SupplierProfile Supplier(int n, string region = "510107") => new(
        Id(n), $"Supplier {n}", region, BaseId: null, CertificateStatus.Active, CertificateGrade: 3, MlpsLevel: 3,
        Capabilities: [("image", "bounding_box"), ("image", "classification")],
        AnnotatorsBySkillLevel: new Dictionary<string, int> { ["level_5"] = 10 },
        CommittedVolumePerDay: 0, ActiveContracts: 0, Record: null, DomainDeliveries: new Dictionary<string, int>(), Excluded: false);

    public static MatchDemand Demand(int n = 900, string region = "510104") => new(
        Id(n), $"Demand {n}", $"D-{n}", region, PreferredBaseId: null, "healthcare",
        new DemandRequirements(RequiredGrade: 2, DataSecurityLevels.General, "image", ["bounding_box"]),
        Volume: 100_000m, MinimumAccuracy: 0.95m, BudgetCeiling: 100_000m, DueDate: Today.AddDays(20), MinimumEligibleBids: 3);

    public static SupplierIndex Index(IEnumerable<SupplierProfile> suppliers, MatchWeights? weights = null)
    {
        var index = new SupplierIndex(weights ?? MatchWeights.Default);
        foreach (var s in suppliers) index.Upsert(s);
        return index;
    }
}
