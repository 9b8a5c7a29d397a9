using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Matching;
using Registry.Domain.Reference;
using static Registry.Domain.Tests.Matching.MatchingExamples;

namespace Registry.Domain.Tests.Matching;

/// <summary>Properties of <see cref="SupplierIndex"/> over random suppliers and demands, checked against <see cref="BidEligibility.Problems"/>.</summary>
public sealed class SupplierIndexPropertyTests
{
    public sealed record Scenario(IReadOnlyList<SupplierProfile> Suppliers, IReadOnlyList<MatchDemand> Demands, int N)
    {
        public override string ToString() =>
            string.Join(Environment.NewLine, Suppliers.Select(s => $"  {s} caps={string.Join(' ', s.Capabilities)}"))
            + Environment.NewLine + string.Join(Environment.NewLine, Demands.Select(d => $"  {d} tasks={string.Join(' ', d.Requirements.TaskTypes)}"));
    }

    // Few modalities, task types and regions, so that matches, near-misses and ties all occur.
    private static readonly (string, string)[] Pairs =
        [("image", "bounding_box"), ("image", "segmentation"), ("image", "classification"), ("text", "classification"), ("text", "entity_relation")];

    private static readonly string[] Regions = ["510104", "510107", "511302", "110105"];

    private static readonly string?[] Statuses = [.. CertificateStatus.All, null, CertificateStatus.Active, CertificateStatus.Active];

    private static Gen<SupplierProfile> Suppliers(int n) =>
        from status in Gen.Elements(Statuses)
        from grade in Gen.Choose(1, 5)
        from mlps in Gen.Choose(1, 4)
        from capabilities in Gen.SubListOf(Pairs)
        from region in Gen.Elements(Regions)
        from juniors in Gen.Choose(0, 40)
        from seniors in Gen.Choose(0, 10)
        from committed in Gen.Choose(0, 5_000)
        from active in Gen.Choose(0, 3)
        from accepted in Gen.Choose(0, 8)
        from accuracy in Gen.Choose(9_000, 10_000)
        from onTime in Gen.Choose(0, 100)
        from domainDeliveries in Gen.Choose(0, 4)
        from excluded in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new SupplierProfile(Id(n), $"S{n}", region, null, status, status is null ? null : grade, mlps, capabilities.ToList(),
            new Dictionary<string, int> { ["level_5"] = juniors, ["level_2"] = seniors }, committed, active,
            accepted == 0 ? null : new QualityHistory(accepted, accuracy / 10_000m, onTime / 100m),
            new Dictionary<string, int> { ["healthcare"] = Math.Min(accepted, domainDeliveries) }, excluded);

    private static Gen<MatchDemand> Demands(int n) =>
        from grade in Gen.Choose(1, 5)
        from level in Gen.Elements(DataSecurityLevels.General, DataSecurityLevels.General, DataSecurityLevels.Important)
        from modality in Gen.Elements("image", "text")
        from tasks in Gen.NonEmptyListOf(Gen.Elements(Pairs.Where(p => p.Item1 == modality).Select(p => p.Item2).ToArray()))
        from region in Gen.Elements(Regions)
        from volume in Gen.Choose(1, 400_000)
        from budget in Gen.Choose(1, 1_000_000)
        from days in Gen.Choose(-3, 60)
        select new MatchDemand(Id(10_000 + n), $"D{n}", null, region, null, "healthcare",
            new DemandRequirements(grade, level, modality, tasks.Distinct().ToList()), volume, 0.95m, budget, Today.AddDays(days), 3);

    private static readonly Gen<Scenario> Scenarios =
        from supplierCount in Gen.Choose(0, 25)
        from suppliers in Gen.CollectToList(Enumerable.Range(1, supplierCount), Suppliers)
        from demandCount in Gen.Choose(1, 12)
        from demands in Gen.CollectToList(Enumerable.Range(1, demandCount), Demands)
        from n in Gen.Choose(1, 8)
        select new Scenario(suppliers.ToList(), demands.ToList(), n);

    // More than one 64-candidate word on both sides, and some removed again, so the bitmaps' word edges and moves are exercised.
    private static readonly Gen<(Scenario Scenario, int RemovedSuppliers, int RemovedDemands)> LargeScenarios =
        from supplierCount in Gen.Choose(60, 200)
        from suppliers in Gen.CollectToList(Enumerable.Range(1, supplierCount), Suppliers)
        from demandCount in Gen.Choose(60, 150)
        from demands in Gen.CollectToList(Enumerable.Range(1, demandCount), Demands)
        from n in Gen.Choose(1, 40)
        from removedSuppliers in Gen.Choose(0, 30)
        from removedDemands in Gen.Choose(0, 30)
        select (new Scenario(suppliers.ToList(), demands.ToList(), n), removedSuppliers, removedDemands);

    private static Property ForAll(Func<Scenario, bool> property) => Prop.ForAll(Scenarios.ToArbitrary(), property);

    private static SupplierIndex IndexOf(Scenario s)
    {
        var index = Index(s.Suppliers);
        foreach (var d in s.Demands) index.UpsertDemand(d);
        return index;
    }

    private static int ProblemCount(MatchDemand d, SupplierProfile s) => BidEligibility.Problems(d.Requirements, s.Standing).Count;

    [Property(MaxTest = 300)]
    public Property No_ineligible_supplier_is_ranked_and_every_near_miss_misses_exactly_one_rule() => ForAll(s =>
    {
        var index = IndexOf(s);
        var byId = s.Suppliers.ToDictionary(p => p.EnterpriseId);
        return s.Demands.All(d =>
        {
            var list = index.Top(d, s.N, Today);
            return list.Matches.All(m => ProblemCount(d, byId[m.EnterpriseId]) == 0)
                && list.NearMisses.All(m => ProblemCount(d, byId[m.EnterpriseId]) == 1)
                && list.EligibleCount == s.Suppliers.Count(p => ProblemCount(d, p) == 0);
        });
    });

    [Property(MaxTest = 300)]
    public Property The_ranking_is_the_first_n_eligible_suppliers_by_score_then_grade_then_id() => ForAll(s =>
    {
        var index = IndexOf(s);
        return s.Demands.All(d =>
        {
            var expected = s.Suppliers.Where(p => ProblemCount(d, p) == 0)
                .OrderByDescending(p => index.Score(p, d, Today).Total).ThenByDescending(p => p.CertificateGrade ?? 0).ThenBy(p => p.EnterpriseId)
                .Take(s.N).Select(p => p.EnterpriseId);
            var matches = index.Top(d, s.N, Today).Matches;
            return matches.Select(m => m.EnterpriseId).SequenceEqual(expected)
                && matches.Select(m => m.Rank).SequenceEqual(Enumerable.Range(1, matches.Count))
                && matches.Zip(matches.Skip(1)).All(p => p.First.Score.Total >= p.Second.Score.Total);
        });
    });

    [Property(MaxTest = 300)]
    public Property Every_total_is_the_sum_of_its_parts_and_lies_between_0_and_100() => ForAll(s =>
    {
        var index = IndexOf(s);
        return s.Demands.All(d => s.Suppliers.Select(p => index.Score(p, d, Today)).All(x =>
            x.Total is >= 0 and <= 100
            && Math.Abs(x.Total - (x.Capability.Points + x.Capacity.Points + x.Quality.Points + x.Locality.Points + x.Grade.Points + x.Load.Points)) < 1e-9));
    });

    [Property(MaxTest = 300)]
    public Property Adding_capacity_never_lowers_a_score() => Prop.ForAll(Scenarios.ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (s, more) =>
    {
        var index = IndexOf(s);
        return s.Demands.All(d => s.Suppliers.All(p =>
        {
            var bigger = p with
            {
                AnnotatorsBySkillLevel = p.AnnotatorsBySkillLevel.ToDictionary(a => a.Key, a => a.Key == "level_5" ? a.Value + more : a.Value),
            };
            return index.Score(bigger, d, Today).Total >= index.Score(p, d, Today).Total;
        }));
    });

    /// <summary>
    /// An accepted delivery made on time and at least as accurate as the record's mean: a worse delivery may rightly lower
    /// the quality part, which is the credibility blend's point (docs/matching.md).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property An_accepted_delivery_on_time_and_at_the_records_accuracy_or_better_never_lowers_a_score() =>
        Prop.ForAll(Scenarios.ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (s, extra) =>
        {
            var index = IndexOf(s);
            return s.Demands.All(d => s.Suppliers.All(p =>
            {
                var mean = p.Record?.MeanAccuracy ?? 0.9m;
                var accuracy = mean + (1 - mean) * extra / 10_000m;
                var after = p.WithAcceptedDelivery(d.Domain, accuracy, onTime: true);
                return index.Score(after, d, Today).Total >= index.Score(p, d, Today).Total;
            }));
        });

    [Property(MaxTest = 300)]
    public Property Gap_advice_lists_a_demand_only_when_exactly_one_rule_is_missed_and_counts_its_budget() => ForAll(s =>
    {
        var index = IndexOf(s);
        return s.Suppliers.All(p =>
        {
            var answer = index.Recommend(p.EnterpriseId, s.N, Today)!;
            var missedByOne = s.Demands.Select(d => (Demand: d, Problems: BidEligibility.Problems(d.Requirements, p.Standing)))
                .Where(x => x.Problems.Count == 1)
                .GroupBy(x => x.Problems[0].Code)
                .ToDictionary(g => g.Key, g => (Count: g.Count(), Budget: g.Sum(x => x.Demand.BudgetCeiling)));
            return answer.Gaps.Count == missedByOne.Count
                && answer.Gaps.All(g => missedByOne.TryGetValue(g.Rule, out var e) && e.Count == g.Demands && e.Budget == g.TotalBudget)
                && answer.Demands.All(r => ProblemCount(s.Demands.Single(d => d.Id == r.DemandId), p) == 0)
                && answer.EligibleCount == s.Demands.Count(d => ProblemCount(d, p) == 0)
                && answer.Demands.Zip(answer.Demands.Skip(1)).All(x => x.First.Score.Total >= x.Second.Score.Total);
        });
    });

    /// <summary>
    /// The whole answer against the rule applied to every pair one by one: the first n eligible suppliers and the first n
    /// near-misses by score, grade and id, and for every supplier the first n eligible demands and every gap, after some
    /// suppliers and demands were added and removed again.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Rankings_and_gaps_equal_the_rule_applied_one_pair_at_a_time_over_many_words() =>
        Prop.ForAll(LargeScenarios.ToArbitrary(), x =>
        {
            var (s, removedSuppliers, removedDemands) = x;
            var index = IndexOf(s);
            var suppliers = s.Suppliers.Skip(removedSuppliers).ToList();
            var demands = s.Demands.Skip(removedDemands).ToList();
            foreach (var p in s.Suppliers.Take(removedSuppliers)) index.Remove(p.EnterpriseId);
            foreach (var d in s.Demands.Take(removedDemands)) index.RemoveDemand(d.Id);

            var topsAgree = demands.All(d =>
            {
                var scored = suppliers.Select(p => (Supplier: p, Problems: ProblemCount(d, p), Score: index.Score(p, d, Today).Total))
                    .OrderByDescending(p => p.Score).ThenByDescending(p => p.Supplier.CertificateGrade ?? 0).ThenBy(p => p.Supplier.EnterpriseId).ToList();
                var list = index.Top(d, s.N, Today);
                return list.EligibleCount == scored.Count(p => p.Problems == 0)
                    && list.Matches.Select(m => m.EnterpriseId).SequenceEqual(scored.Where(p => p.Problems == 0).Take(s.N).Select(p => p.Supplier.EnterpriseId))
                    && list.NearMisses.Select(m => m.EnterpriseId).SequenceEqual(scored.Where(p => p.Problems == 1).Take(s.N).Select(p => p.Supplier.EnterpriseId));
            });
            var recommendationsAgree = suppliers.All(p =>
            {
                var answer = index.Recommend(p.EnterpriseId, s.N, Today)!;
                var judged = demands.Select(d => (Demand: d, Problems: BidEligibility.Problems(d.Requirements, p.Standing))).ToList();
                var expected = judged.Where(j => j.Problems.Count == 0).Select(j => j.Demand)
                    .OrderByDescending(d => index.Score(p, d, Today).Total).ThenBy(d => d.Id).Take(s.N).Select(d => d.Id);
                var gaps = judged.Where(j => j.Problems.Count == 1).GroupBy(j => j.Problems[0].Code)
                    .ToDictionary(g => g.Key, g => (Count: g.Count(), Budget: g.Sum(j => j.Demand.BudgetCeiling)));
                return answer.Demands.Select(d => d.DemandId).SequenceEqual(expected)
                    && answer.EligibleCount == judged.Count(j => j.Problems.Count == 0)
                    && answer.Gaps.Count == gaps.Count
                    && answer.Gaps.All(g => gaps.TryGetValue(g.Rule, out var e) && e.Count == g.Demands && e.Budget == g.TotalBudget);
            });
            return (topsAgree && recommendationsAgree).Label($"removed {removedSuppliers} suppliers, {removedDemands} demands");
        });

    [Property(MaxTest = 200)]
    public Property The_ranking_does_not_depend_on_the_order_suppliers_were_added() => ForAll(s =>
    {
        var forward = Index(s.Suppliers);
        var backward = Index(s.Suppliers.Reverse());
        return s.Demands.All(d => forward.Top(d, s.N, Today).Matches.Select(m => m.EnterpriseId)
            .SequenceEqual(backward.Top(d, s.N, Today).Matches.Select(m => m.EnterpriseId)));
    });
}
