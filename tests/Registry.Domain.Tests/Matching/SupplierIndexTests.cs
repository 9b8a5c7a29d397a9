using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Matching;
using Registry.Domain.Reference;
using static Registry.Domain.Tests.Matching.MatchingExamples;

namespace Registry.Domain.Tests.Matching;

public sealed class SupplierIndexTests
{
    private static List<Guid> Ranked(SupplierIndex index, MatchDemand demand) => index.Top(demand, 50, Today).Matches.Select(m => m.EnterpriseId).ToList();

    [Fact]
    public void A_supplier_meeting_every_rule_is_ranked_with_no_near_miss()
    {
        var list = Index([Supplier(1)]).Top(Demand(), 10, Today);

        Assert.Equal(1, list.EligibleCount);
        Assert.Equal(Id(1), Assert.Single(list.Matches).EnterpriseId);
        Assert.Empty(list.NearMisses);
    }

    public static TheoryData<string, SupplierProfile> OneRuleMissed => new()
    {
        { "certificate_not_active", Supplier(1) with { CertificateStatus = CertificateStatus.Suspended } },
        { "certificate_not_active", Supplier(1) with { CertificateStatus = null, CertificateGrade = null } },
        { "grade_too_low", Supplier(1) with { CertificateGrade = 1 } },
        { "capability_missing", Supplier(1) with { Capabilities = [("image", "classification"), ("text", "bounding_box")] } },
        { "excluded", Supplier(1) with { Excluded = true } },
    };

    [Theory]
    [MemberData(nameof(OneRuleMissed))]
    public void Each_eligibility_rule_excludes_the_supplier_and_reports_it_as_a_near_miss_with_the_rules_sentence(string rule, SupplierProfile supplier)
    {
        var demand = Demand();
        var list = Index([supplier, Supplier(2)]).Top(demand, 10, Today);

        Assert.Equal([Id(2)], list.Matches.Select(m => m.EnterpriseId));
        var miss = Assert.Single(list.NearMisses);
        Assert.Equal((Id(1), rule), (miss.EnterpriseId, miss.Rule));
        Assert.Equal(BidEligibility.Problems(demand.Requirements, supplier.Standing).Single().Message, miss.Message);
    }

    [Fact]
    public void Important_data_excludes_a_supplier_below_MLPS_level_3()
    {
        var demand = Demand() with { Requirements = Demand().Requirements with { SecurityLevel = DataSecurityLevels.Important } };
        var list = Index([Supplier(1) with { MlpsLevel = 2 }, Supplier(2)]).Top(demand, 10, Today);

        Assert.Equal([Id(2)], list.Matches.Select(m => m.EnterpriseId));
        Assert.Equal("clearance_too_low", Assert.Single(list.NearMisses).Rule);
    }

    [Fact]
    public void The_near_miss_names_the_grade_held_and_the_grade_needed()
    {
        var demand = Demand() with { Requirements = Demand().Requirements with { RequiredGrade = 3 } };
        var miss = Assert.Single(Index([Supplier(1) with { CertificateGrade = 2 }]).Top(demand, 10, Today).NearMisses);

        Assert.Equal("The demand requires certificate grade 3 or higher; the enterprise holds grade 2.", miss.Message);
    }

    [Fact]
    public void A_supplier_missing_two_rules_is_neither_ranked_nor_a_near_miss()
    {
        var list = Index([Supplier(1) with { CertificateGrade = 1, Excluded = true }]).Top(Demand(), 10, Today);

        Assert.Equal(0, list.EligibleCount);
        Assert.Empty(list.Matches);
        Assert.Empty(list.NearMisses);
    }

    [Fact]
    public void Core_data_matches_no_one()
    {
        var demand = Demand() with { Requirements = Demand().Requirements with { SecurityLevel = DataSecurityLevels.Core } };

        Assert.Empty(Index([Supplier(1) with { CertificateGrade = 5, MlpsLevel = 4 }]).Top(demand, 10, Today).Matches);
    }

    [Fact]
    public void Accepted_deliveries_in_the_demands_domain_rank_a_supplier_higher()
    {
        var experienced = Supplier(2) with { DomainDeliveries = new Dictionary<string, int> { ["healthcare"] = 2 } };
        var elsewhere = Supplier(1) with { DomainDeliveries = new Dictionary<string, int> { ["finance"] = 9 } };

        Assert.Equal([Id(2), Id(1)], Ranked(Index([elsewhere, experienced]), Demand()));
    }

    [Fact]
    public void More_free_annotators_rank_a_supplier_higher_until_the_demand_is_covered()
    {
        // The demand needs 100,000 ÷ 20 days ÷ 500 per annotator-day = 10 annotators.
        var small = Supplier(1) with { AnnotatorsBySkillLevel = new Dictionary<string, int> { ["level_5"] = 5 } };
        var skilled = Supplier(2) with { AnnotatorsBySkillLevel = new Dictionary<string, int> { ["level_1"] = 5 } };
        var busy = Supplier(3) with { AnnotatorsBySkillLevel = new Dictionary<string, int> { ["level_1"] = 5 }, CommittedVolumePerDay = 3_000 };
        var index = Index([small, skilled, busy]);

        Assert.Equal([Id(2), Id(1), Id(3)], Ranked(index, Demand()));
        Assert.Equal((10, 1.0), (index.Score(skilled, Demand(), Today).Capacity.EffectiveAnnotators, index.Score(skilled, Demand(), Today).Capacity.Factor));
        Assert.Equal((6, 0.4), (index.Score(busy, Demand(), Today).Capacity.CommittedAnnotators, index.Score(busy, Demand(), Today).Capacity.Factor));
    }

    [Fact]
    public void A_better_record_ranks_a_supplier_higher()
    {
        var good = Supplier(2) with { Record = new QualityHistory(10, 0.99m, 1m) };
        var poor = Supplier(1) with { Record = new QualityHistory(10, 0.95m, 0.5m) };

        Assert.Equal([Id(2), Id(1)], Ranked(Index([poor, good]), Demand()));
    }

    [Fact]
    public void One_lucky_delivery_does_not_beat_fifty_good_ones()
    {
        var lucky = Supplier(1) with { Record = new QualityHistory(1, 1m, 1m) };
        var steady = Supplier(2) with { Record = new QualityHistory(50, 0.98m, 0.96m) };
        var index = Index([lucky, steady]);

        Assert.Equal([Id(2), Id(1)], Ranked(index, Demand()));
        // (1 × 1 + 2 × 0.5) ÷ 3 against (50 × (0.6 + 0.96) ÷ 2 + 2 × 0.5) ÷ 52: the evaluation's blend.
        Assert.Equal((0.6667, 16.67), (index.Score(lucky, Demand(), Today).Quality.Factor, index.Score(lucky, Demand(), Today).Quality.Points));
        Assert.Equal((0.7692, 19.23), (index.Score(steady, Demand(), Today).Quality.Factor, index.Score(steady, Demand(), Today).Quality.Points));
        Assert.Equal((double)Evaluation.QualityFactor(steady.Record!, 0.95m), index.Score(steady, Demand(), Today).Quality.Factor);
    }

    [Fact]
    public void The_preferred_base_ranks_above_the_city_the_city_above_the_province_and_the_province_above_elsewhere()
    {
        var baseId = Guid.NewGuid();
        var demand = Demand(region: "510104") with { PreferredBaseId = baseId };
        var atBase = Supplier(4, "510922") with { BaseId = baseId };
        var city = Supplier(3, "510107");
        var province = Supplier(2, "511302");
        var elsewhere = Supplier(1, "110105");
        var index = Index([elsewhere, province, city, atBase]);

        Assert.Equal([Id(4), Id(3), Id(2), Id(1)], Ranked(index, demand));
        Assert.Equal([Locality.PreferredBase, Locality.SameCity, Locality.SameProvince, Locality.Elsewhere],
            index.Top(demand, 10, Today).Matches.Select(m => m.Score.Locality.Relation));
    }

    [Fact]
    public void A_higher_certificate_grade_ranks_a_supplier_higher() =>
        Assert.Equal([Id(2), Id(1)], Ranked(Index([Supplier(1), Supplier(2) with { CertificateGrade = 5 }]), Demand()));

    [Fact]
    public void Fewer_contracts_in_delivery_rank_a_supplier_higher() =>
        Assert.Equal([Id(2), Id(1)], Ranked(Index([Supplier(1) with { ActiveContracts = 2 }, Supplier(2) with { ActiveContracts = 1 }]), Demand()));

    [Fact]
    public void Equal_scores_are_ordered_by_the_higher_grade_then_the_lower_enterprise_id()
    {
        var noGradeWeight = MatchWeights.Default with { Grade = 0 };
        var index = Index([Supplier(3), Supplier(1), Supplier(2) with { CertificateGrade = 4 }], noGradeWeight);

        var matches = index.Top(Demand(), 10, Today).Matches;

        Assert.Single(matches.Select(m => m.Score.Total).Distinct());
        Assert.Equal([Id(2), Id(1), Id(3)], matches.Select(m => m.EnterpriseId));
        Assert.Equal([1, 2, 3], matches.Select(m => m.Rank));
    }

    [Fact]
    public void A_local_experienced_supplier_outranks_a_larger_distant_one()
    {
        var local = Supplier(1, "510107") with
        {
            AnnotatorsBySkillLevel = new Dictionary<string, int> { ["level_5"] = 6, ["level_3"] = 4 },
            CommittedVolumePerDay = 1_000, ActiveContracts = 1,
            Record = new QualityHistory(4, 0.97m, 1m), DomainDeliveries = new Dictionary<string, int> { ["healthcare"] = 3 },
        };
        var distant = Supplier(2, "110105") with
        {
            CertificateGrade = 5, AnnotatorsBySkillLevel = new Dictionary<string, int> { ["level_1"] = 100 },
        };
        var index = Index([distant, local]);

        var matches = index.Top(Demand(), 10, Today).Matches;

        Assert.Equal([Id(1), Id(2)], matches.Select(m => m.EnterpriseId));
        var a = matches[0].Score;
        Assert.Equal((18.75, 0.75, 1, 1, 3), (a.Capability.Points, a.Capability.Factor, a.Capability.TaskTypesCovered, a.Capability.TaskTypesRequired, a.Capability.DomainDeliveries));
        Assert.Equal((20, 12, 2, 10, 20), (a.Capacity.Points, a.Capacity.EffectiveAnnotators, a.Capacity.CommittedAnnotators, a.Capacity.NeededAnnotators, a.Capacity.DaysToDue));
        Assert.Equal((15.83, 0.6333), (a.Quality.Points, a.Quality.Factor));
        Assert.Equal((7.5, 6, 5), (a.Locality.Points, a.Grade.Points, a.Load.Points));
        Assert.Equal(73.08, a.Total);
        var b = matches[1].Score;
        Assert.Equal((12.5, 20, 12.5, 0, 10, 10, 65), (b.Capability.Points, b.Capacity.Points, b.Quality.Points, b.Locality.Points, b.Grade.Points, b.Load.Points, b.Total));
    }

    [Fact]
    public void Top_returns_at_most_n_and_counts_every_eligible_supplier()
    {
        var index = Index(Enumerable.Range(1, 30).Select(n => Supplier(n)));

        var list = index.Top(Demand(), 5, Today);

        Assert.Equal((30, 5), (list.EligibleCount, list.Matches.Count));
    }

    [Fact]
    public void An_index_grown_and_shrunk_past_its_first_arrays_ranks_like_scoring_each_supplier_alone()
    {
        var suppliers = Enumerable.Range(1, 300).Select(n => Supplier(n, n % 3 == 0 ? "510107" : n % 3 == 1 ? "511302" : "110105") with
        {
            CertificateGrade = 1 + n % 5,
            ActiveContracts = n % 4,
            Record = n % 2 == 0 ? new QualityHistory(n % 7 + 1, 0.95m + n % 5 / 100m, 1m) : null,
            DomainDeliveries = new Dictionary<string, int> { ["healthcare"] = n % 6 },
        }).ToList();
        var index = Index(suppliers);
        index.Top(Demand(), 10, Today); // a quality table for the demand's bar, kept from here on by every change
        var removed = Enumerable.Range(1, 300).Where(n => n % 7 == 0).Select(Id).ToHashSet();
        foreach (var id in removed) index.Remove(id);
        var replaced = Supplier(5) with { CertificateGrade = 5, Record = new QualityHistory(30, 0.99m, 1m) };
        index.Upsert(replaced);
        var standing = suppliers.Where(p => !removed.Contains(p.EnterpriseId)).Select(p => p.EnterpriseId == Id(5) ? replaced : p).ToList();

        var eligible = standing.Where(p => BidEligibility.Problems(Demand().Requirements, p.Standing).Count == 0).ToList();
        var expected = eligible.OrderByDescending(p => index.Score(p, Demand(), Today).Total).ThenByDescending(p => p.CertificateGrade ?? 0)
            .ThenBy(p => p.EnterpriseId).Take(50).Select(p => (p.EnterpriseId, index.Score(p, Demand(), Today)));

        Assert.Equal(expected, index.Top(Demand(), 50, Today).Matches.Select(m => (m.EnterpriseId, m.Score)));
        Assert.Equal(eligible.Count, index.Top(Demand(), 1, Today).EligibleCount);
    }

    [Fact]
    public void A_removed_or_replaced_supplier_is_ranked_as_it_now_stands()
    {
        var index = Index([Supplier(1), Supplier(2), Supplier(3)]);
        index.Remove(Id(1));
        index.Upsert(Supplier(3) with { CertificateStatus = CertificateStatus.Revoked });

        Assert.Equal([Id(2)], Ranked(index, Demand()));
    }

    [Fact]
    public void Recommendations_rank_the_open_demands_the_enterprise_may_bid_on_and_group_those_missed_by_one_rule()
    {
        var index = Index([Supplier(1)]);
        index.UpsertDemand(Demand(901, region: "110105"));
        index.UpsertDemand(Demand(902, region: "510107"));
        var important = Demand().Requirements with { SecurityLevel = DataSecurityLevels.Important };
        index.UpsertDemand(Demand(903) with { Requirements = important, BudgetCeiling = 1_200_000m });
        index.UpsertDemand(Demand(904) with { Requirements = important with { RequiredGrade = 4 }, BudgetCeiling = 2_200_000m });
        index.UpsertDemand(Demand(905) with { Requirements = important with { RequiredGrade = 4, Modality = "text" } });
        index.Upsert(Supplier(1) with { MlpsLevel = 2 });

        var answer = index.Recommend(Id(1), 10, Today)!;

        Assert.Equal([Id(902), Id(901)], answer.Demands.Select(d => d.DemandId));
        Assert.Equal(2, answer.EligibleCount);
        var gap = Assert.Single(answer.Gaps);
        Assert.Equal(("clearance_too_low", 1, 1_200_000m), (gap.Rule, gap.Demands, gap.TotalBudget));
        Assert.Equal("MLPS (等级保护) level 3 would open 1 open demand worth 1200000.00 CNY.", gap.Advice);
    }

    [Fact]
    public void An_enterprise_the_index_does_not_know_gets_no_recommendations() =>
        Assert.Null(Index([Supplier(1)]).Recommend(Id(2), 10, Today));
}
