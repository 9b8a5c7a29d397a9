using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Demands;

public sealed class BidEligibilityTests
{
    private static readonly DemandRequirements Demand =
        new(RequiredGrade: 3, SecurityLevel: DataSecurityLevels.Important, Modality: "image", TaskTypes: ["bounding_box", "segmentation"]);

    private static readonly SupplierStanding Eligible = new(
        CertificateStatus.Active, CertificateGrade: 3, MlpsLevel: 3,
        Capabilities: [("image", "bounding_box"), ("image", "segmentation"), ("text", "classification")],
        Excluded: false);

    private static List<string> Codes(DemandRequirements demand, SupplierStanding supplier) =>
        BidEligibility.Problems(demand, supplier).Select(p => p.Code).ToList();

    [Fact]
    public void A_fully_eligible_supplier_has_no_problems() => Assert.Empty(BidEligibility.Problems(Demand, Eligible));

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    public void A_supplier_at_or_above_the_required_grade_and_level_3_security_may_bid(int grade, int mlps) =>
        Assert.Empty(BidEligibility.Problems(Demand, Eligible with { CertificateGrade = grade, MlpsLevel = mlps }));

    [Fact]
    public void A_supplier_without_a_certificate_is_not_eligible()
    {
        var problems = BidEligibility.Problems(Demand, Eligible with { CertificateStatus = null, CertificateGrade = null });

        var problem = Assert.Single(problems);
        Assert.Equal("certificate_not_active", problem.Code);
        Assert.Contains("no certificate", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CertificateStatus.Suspended)]
    [InlineData(CertificateStatus.Revoked)]
    [InlineData(CertificateStatus.Expired)]
    [InlineData(CertificateStatus.Superseded)]
    public void A_supplier_whose_certificate_is_not_active_is_not_eligible(string status)
    {
        var problems = BidEligibility.Problems(Demand, Eligible with { CertificateStatus = status });

        var problem = Assert.Single(problems);
        Assert.Equal("certificate_not_active", problem.Code);
        Assert.Contains(status, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_grade_below_the_required_one_is_not_eligible(int grade)
    {
        var problem = Assert.Single(BidEligibility.Problems(Demand, Eligible with { CertificateGrade = grade }));

        Assert.Equal("grade_too_low", problem.Code);
        Assert.Contains($"grade {Demand.RequiredGrade}", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"grade {grade}", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Important_data_needs_security_protection_level_3(int mlps)
    {
        var problem = Assert.Single(BidEligibility.Problems(Demand, Eligible with { MlpsLevel = mlps }));

        Assert.Equal("clearance_too_low", problem.Code);
        Assert.Contains($"level {mlps}", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void General_data_needs_no_particular_security_protection_level(int mlps) =>
        Assert.Empty(BidEligibility.Problems(Demand with { SecurityLevel = DataSecurityLevels.General }, Eligible with { MlpsLevel = mlps }));

    [Theory]
    [InlineData("bounding_box", "segmentation")]
    [InlineData("segmentation", "bounding_box")]
    public void Missing_one_of_the_task_types_is_not_eligible(string declared, string missing)
    {
        var problem = Assert.Single(BidEligibility.Problems(Demand, Eligible with { Capabilities = [("image", declared)] }));

        Assert.Equal("capability_missing", problem.Code);
        Assert.Contains($"{missing} on image", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"{declared} on image", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_on_another_modality_only_does_not_count()
    {
        var supplier = Eligible with { Capabilities = [("video", "bounding_box"), ("video", "segmentation")] };

        var problem = Assert.Single(BidEligibility.Problems(Demand, supplier));

        Assert.Equal("capability_missing", problem.Code);
        Assert.Contains("bounding_box on image", problem.Message, StringComparison.Ordinal);
        Assert.Contains("segmentation on image", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supplier_without_any_capability_is_reported_once_for_all_missing_task_types()
    {
        var problems = BidEligibility.Problems(Demand, Eligible with { Capabilities = [] });

        Assert.Equal("capability_missing", Assert.Single(problems).Code);
    }

    [Fact]
    public void An_excluded_supplier_is_not_eligible()
    {
        var problem = Assert.Single(BidEligibility.Problems(Demand, Eligible with { Excluded = true }));

        Assert.Equal("excluded", problem.Code);
    }

    [Fact]
    public void Several_unmet_rules_are_all_listed_together()
    {
        var supplier = new SupplierStanding(CertificateStatus.Active, CertificateGrade: 1, MlpsLevel: 2,
            Capabilities: [("image", "bounding_box")], Excluded: true);

        Assert.Equal(["grade_too_low", "clearance_too_low", "capability_missing", "excluded"], Codes(Demand, supplier));
    }

    [Fact]
    public void A_supplier_without_a_certificate_capabilities_or_standing_has_every_applicable_problem_listed()
    {
        var supplier = new SupplierStanding(null, null, MlpsLevel: 0, Capabilities: [], Excluded: true);

        Assert.Equal(["certificate_not_active", "capability_missing", "excluded"], Codes(Demand, supplier));
    }

    [Fact]
    public void An_inactive_certificate_is_reported_once_not_again_as_a_grade_or_clearance_problem()
    {
        var supplier = Eligible with { CertificateStatus = CertificateStatus.Suspended, CertificateGrade = 1, MlpsLevel = 1 };

        Assert.Equal(["certificate_not_active"], Codes(Demand, supplier));
    }

    [Fact]
    public void Every_problem_has_a_message()
    {
        var supplier = new SupplierStanding(CertificateStatus.Active, CertificateGrade: 1, MlpsLevel: 2, Capabilities: [], Excluded: true);

        Assert.All(BidEligibility.Problems(Demand, supplier), p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void The_bidder_is_told_which_task_types_it_lacks_and_that_core_data_is_for_no_one()
    {
        var missing = BidEligibility.Problems(Demand, Eligible with { Capabilities = [("image", "bounding_box")] });
        Assert.Contains("segmentation on image", Assert.Single(missing).Message, StringComparison.Ordinal);

        var core = BidEligibility.Problems(Demand with { SecurityLevel = DataSecurityLevels.Core }, Eligible);
        Assert.Equal("No enterprise may handle core data.", Assert.Single(core).Message);
    }
}
