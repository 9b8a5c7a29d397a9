using System.Reflection;
using Registry.Domain.Demands;
using Registry.Domain.Events;
using Registry.Domain.Exclusions;

namespace Registry.Domain.Tests.Exclusions;

public sealed class ExclusionLifecycleTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly DateOnly End = new(2026, 8, 31);

    private static ExclusionTerms Terms(DateOnly start, DateOnly? end, string type = ExclusionTypes.Debarment, string source = ExclusionSources.Regulator,
        string reason = "提供虚假材料谋取中标", string legalBasis = "《政府采购法》第七十七条") =>
        new(Guid.NewGuid(), Guid.NewGuid(), type, source, reason, legalBasis, new ExclusionPeriod(start, end));

    private static ExclusionState State(DateOnly start, DateOnly? end, bool lifted = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), new ExclusionPeriod(start, end), lifted);

    [Fact]
    public void The_first_and_the_last_day_are_excluded_days_and_the_days_around_them_are_not()
    {
        var period = new ExclusionPeriod(Start, End);

        Assert.False(period.Covers(Start.AddDays(-1)));
        Assert.True(period.Covers(Start));
        Assert.True(period.Covers(End));
        Assert.False(period.Covers(End.AddDays(1)));
    }

    [Fact]
    public void A_one_day_exclusion_covers_that_day_only()
    {
        var period = new ExclusionPeriod(Start, Start);

        Assert.Equal([false, true, false], new[] { Start.AddDays(-1), Start, Start.AddDays(1) }.Select(period.Covers));
    }

    [Fact]
    public void An_exclusion_without_an_end_lasts_until_lifted()
    {
        var exclusion = State(Start, null);

        Assert.True(ExclusionLifecycle.InForce(exclusion, new DateOnly(2099, 12, 31)));
        Assert.False(ExclusionLifecycle.InForce(exclusion with { Lifted = true }, new DateOnly(2099, 12, 31)));
    }

    [Fact]
    public void Its_status_is_scheduled_before_the_first_day_in_force_through_the_last_and_ended_the_day_after()
    {
        var exclusion = State(Start, End);

        Assert.Equal(ExclusionStatus.Scheduled, ExclusionLifecycle.StatusOn(exclusion, Start.AddDays(-1)));
        Assert.Equal(ExclusionStatus.InForce, ExclusionLifecycle.StatusOn(exclusion, Start));
        Assert.Equal(ExclusionStatus.InForce, ExclusionLifecycle.StatusOn(exclusion, End));
        Assert.Equal(ExclusionStatus.Ended, ExclusionLifecycle.StatusOn(exclusion, End.AddDays(1)));
        Assert.Equal(ExclusionStatus.Lifted, ExclusionLifecycle.StatusOn(exclusion with { Lifted = true }, Start));
    }

    [Fact]
    public void Recording_reports_the_period_and_the_legal_basis_and_answers_the_status_of_the_day()
    {
        var terms = Terms(Start, End, legalBasis: "  《政府采购法》第七十七条 ");

        var recorded = ExclusionLifecycle.Record(terms, Start);

        Assert.Equal(ExclusionStatus.InForce, recorded.Status);
        Assert.Equal(new ExclusionRecorded(terms.ExclusionId, terms.EnterpriseId, ExclusionTypes.Debarment, ExclusionSources.Regulator,
            "《政府采购法》第七十七条", Start, End), recorded.Event);
        Assert.Equal(ExclusionStatus.Scheduled, ExclusionLifecycle.Record(terms, Start.AddDays(-1)).Status);
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => ExclusionLifecycle.Record(Terms(Start, Start.AddDays(-1)), Start.AddDays(-10)));
        Assert.Equal("end_before_start", refused.Code);
    }

    [Fact]
    public void An_exclusion_whose_last_day_is_past_is_refused_but_one_ending_today_is_recorded()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => ExclusionLifecycle.Record(Terms(Start, End), End.AddDays(1)));
        Assert.Equal("exclusion_already_ended", refused.Code);
        Assert.Equal(ExclusionStatus.InForce, ExclusionLifecycle.Record(Terms(Start, End), End).Status);
    }

    [Theory]
    [InlineData("suspension", ExclusionSources.Court, "unknown_exclusion_type")]
    [InlineData(ExclusionTypes.CourtOrder, "newspaper", "unknown_exclusion_source")]
    public void A_type_or_source_outside_the_closed_lists_is_refused(string type, string source, string code) =>
        Assert.Equal(code, Assert.Throws<BusinessRuleException>(() => ExclusionLifecycle.Record(Terms(Start, End, type, source), Start)).Code);

    [Theory]
    [InlineData("", "《政府采购法》第七十七条", "reason_required")]
    [InlineData("串通投标", " ", "legal_basis_required")]
    public void An_exclusion_needs_a_reason_and_a_legal_basis(string reason, string legalBasis, string code) =>
        Assert.Equal(code, Assert.Throws<BusinessRuleException>(() =>
            ExclusionLifecycle.Record(Terms(Start, End, reason: reason, legalBasis: legalBasis), Start)).Code);

    [Fact]
    public void An_exclusion_in_force_is_lifted_with_a_reason_on_the_day_and_no_longer_excludes()
    {
        var exclusion = State(Start, End);

        var lifted = ExclusionLifecycle.Lift(exclusion, "  行政复议撤销原处罚决定 ", Start.AddDays(10));

        Assert.Equal(ExclusionStatus.Lifted, lifted.Status);
        Assert.Equal(new ExclusionLifted(exclusion.ExclusionId, exclusion.EnterpriseId, Start.AddDays(10), "行政复议撤销原处罚决定"), lifted.Event);
        Assert.False(ExclusionLifecycle.InForce(exclusion with { Lifted = true }, Start.AddDays(10)));
    }

    [Fact]
    public void An_exclusion_not_yet_begun_may_be_lifted_so_it_never_takes_effect()
    {
        var exclusion = State(Start, End);

        Assert.Equal(ExclusionStatus.Lifted, ExclusionLifecycle.Lift(exclusion, "处罚决定已撤回", Start.AddDays(-5)).Status);
        Assert.False(ExclusionLifecycle.InForce(exclusion with { Lifted = true }, Start));
    }

    [Fact]
    public void An_exclusion_may_be_lifted_on_its_last_day_but_not_the_day_after()
    {
        var exclusion = State(Start, End);

        Assert.Equal(ExclusionStatus.Lifted, ExclusionLifecycle.Lift(exclusion, "期满前解除", End).Status);
        var refused = Assert.Throws<InvalidTransitionException>(() => ExclusionLifecycle.Lift(exclusion, "期满后解除", End.AddDays(1)));
        Assert.Equal(ExclusionStatus.Ended, refused.Current);
    }

    [Fact]
    public void A_lifted_exclusion_is_not_lifted_again()
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ExclusionLifecycle.Lift(State(Start, null, lifted: true), "再次解除", Start));
        Assert.Equal(ExclusionStatus.Lifted, refused.Current);
    }

    [Fact]
    public void Lifting_without_a_reason_is_refused()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => ExclusionLifecycle.Lift(State(Start, End), "  ", Start));
        Assert.Equal("reason_required", refused.Code);
    }

    [Fact]
    public void An_excluded_enterprise_is_not_eligible_and_the_rule_is_named_excluded()
    {
        var demand = new DemandRequirements(1, "general", "image", ["bounding_box"]);
        var standing = new SupplierStanding("active", 3, 3, [("image", "bounding_box")], Excluded: true);

        var problem = Assert.Single(BidEligibility.Problems(demand, standing));

        Assert.Equal("excluded", problem.Code);
        Assert.Empty(BidEligibility.Problems(demand, standing with { Excluded = false }));
    }

    [Theory]
    [InlineData(typeof(ExclusionRecorded), "ExclusionLifecycle.Record")]
    [InlineData(typeof(ExclusionLifted), "ExclusionLifecycle.Lift")]
    public void Each_event_is_public_and_documented_as_emitted_by_the_transition_that_returns_it(Type type, string transition)
    {
        var attribute = type.GetCustomAttribute<DomainEventAttribute>()!;

        Assert.True(attribute.Public);
        Assert.StartsWith(transition + ":", attribute.EmittedBy, StringComparison.Ordinal);
    }
}
