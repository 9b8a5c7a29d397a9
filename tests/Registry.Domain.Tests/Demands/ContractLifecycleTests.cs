using FsCheck;
using FsCheck.Xunit;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;

namespace Registry.Domain.Tests.Demands;

public sealed class ContractLifecycleTests
{
    private static readonly DateOnly Due = new(2027, 1, 30);

    public static TheoryData<string> Closed() => [ContractStatus.Completed, ContractStatus.Terminated];

    [Fact]
    public void The_contract_and_delivery_states_have_their_documented_codes()
    {
        Assert.Equal(["active", "completed", "terminated"], ContractStatus.All);
        Assert.Equal(("submitted", "accepted", "rejected"), (DeliveryStatus.Submitted, DeliveryStatus.Accepted, DeliveryStatus.Rejected));
    }

    // RecordDelivery

    [Fact]
    public void An_active_contract_takes_a_delivery() => ContractLifecycle.RecordDelivery(ContractStatus.Active, deliveryAwaitingDecision: false);

    [Theory]
    [MemberData(nameof(Closed))]
    public void A_completed_or_terminated_contract_takes_no_delivery(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.RecordDelivery(status, deliveryAwaitingDecision: false));

        Assert.Equal(("contract", status, "delivered on"), (refused.Entity, refused.Current, refused.Attempted));
        Assert.Equal($"The contract is {status}; it cannot be delivered on.", refused.Message);
    }

    [Fact]
    public void A_closed_contract_is_refused_as_a_transition_before_a_waiting_delivery_is_looked_at() =>
        Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.RecordDelivery(ContractStatus.Completed, deliveryAwaitingDecision: true));

    [Fact]
    public void No_delivery_while_the_previous_one_awaits_the_decision()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => ContractLifecycle.RecordDelivery(ContractStatus.Active, deliveryAwaitingDecision: true));

        Assert.Equal("delivery_awaiting_acceptance", refused.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    // Decide

    [Theory]
    [InlineData("0.95", "0.95", DeliveryStatus.Accepted)]   // exactly the minimum
    [InlineData("0.962", "0.95", DeliveryStatus.Accepted)]
    [InlineData("1", "0.95", DeliveryStatus.Accepted)]
    [InlineData("0.9499", "0.95", DeliveryStatus.Rejected)]
    [InlineData("0.9", "0.95", DeliveryStatus.Rejected)]
    [InlineData("0", "0.95", DeliveryStatus.Rejected)]
    [InlineData("1", "1", DeliveryStatus.Accepted)]
    [InlineData("0.9999", "1", DeliveryStatus.Rejected)]
    public void A_delivery_is_accepted_when_the_measured_accuracy_reaches_the_minimum(string measured, string minimum, string expected) =>
        Assert.Equal(expected, ContractLifecycle.Decide(ContractStatus.Active, DeliveryStatus.Submitted,
            decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture)));

    [Property(MaxTest = 500)]
    public bool The_decision_is_accepted_exactly_when_the_measured_accuracy_is_at_least_the_minimum(NonNegativeInt measured, NonNegativeInt minimum)
    {
        var m = measured.Get % 10_001 / 10_000m;
        var min = minimum.Get % 10_001 / 10_000m;

        return ContractLifecycle.Decide(ContractStatus.Active, DeliveryStatus.Submitted, m, min)
               == (m >= min ? DeliveryStatus.Accepted : DeliveryStatus.Rejected);
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted)]
    [InlineData(DeliveryStatus.Rejected)]
    public void A_delivery_already_decided_cannot_be_decided_again(string deliveryStatus)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() =>
            ContractLifecycle.Decide(ContractStatus.Active, deliveryStatus, 0.99m, 0.95m));

        Assert.Equal(("delivery", deliveryStatus, "decided"), (refused.Entity, refused.Current, refused.Attempted));
    }

    [Theory]
    [MemberData(nameof(Closed))]
    public void No_decision_on_a_contract_that_is_no_longer_active(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() =>
            ContractLifecycle.Decide(status, DeliveryStatus.Submitted, 0.99m, 0.95m));

        Assert.Equal(("contract", status, "accepted on"), (refused.Entity, refused.Current, refused.Attempted));
    }

    // IsOnTime: the due date is a China Standard Time (UTC+8) date

    [Fact]
    public void The_last_second_of_the_due_date_in_China_is_on_time() =>
        Assert.True(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 30, 15, 59, 59, TimeSpan.Zero), Due));

    [Fact]
    public void Midnight_after_the_due_date_in_China_is_late() =>
        Assert.False(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 30, 16, 0, 0, TimeSpan.Zero), Due));

    [Fact]
    public void The_China_date_counts_whatever_the_offset_the_instant_is_written_in()
    {
        // 2027-01-29 20:00 in New York is 2027-01-30 09:00 in Beijing: on time.
        Assert.True(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 29, 20, 0, 0, TimeSpan.FromHours(-5)), Due));
        // 2027-01-30 23:00 in New York is already 2027-01-31 12:00 in Beijing: late, although the local date is the due date.
        Assert.False(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 30, 23, 0, 0, TimeSpan.FromHours(-5)), Due));
        Assert.True(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 30, 23, 59, 59, TimeSpan.FromHours(8)), Due));
        Assert.False(ContractLifecycle.IsOnTime(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.FromHours(8)), Due));
    }

    [Fact]
    public void Delivery_well_before_the_due_date_is_on_time() =>
        Assert.True(ContractLifecycle.IsOnTime(new DateTimeOffset(2026, 12, 15, 3, 0, 0, TimeSpan.Zero), Due));

    // Terminate

    [Fact]
    public void An_active_contract_can_be_terminated_the_day_after_its_due_date() =>
        Assert.Equal(ContractStatus.Terminated, ContractLifecycle.Terminate(ContractStatus.Active, false, Due, Due.AddDays(1)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30)]
    public void A_contract_cannot_be_terminated_on_or_before_its_due_date(int daysAfterDue)
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(ContractStatus.Active, false, Due, Due.AddDays(daysAfterDue)));

        Assert.Equal("contract_not_overdue", refused.Code);
        Assert.Contains("2027-01-30", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_with_a_delivery_awaiting_the_decision_cannot_be_terminated() =>
        Assert.Equal("delivery_awaiting_acceptance", Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(ContractStatus.Active, true, Due, Due.AddDays(10))).Code);

    [Fact]
    public void Before_the_due_date_the_date_is_reported_even_with_a_delivery_awaiting_the_decision() =>
        Assert.Equal("contract_not_overdue", Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(ContractStatus.Active, true, Due, Due)).Code);

    [Theory]
    [MemberData(nameof(Closed))]
    public void Only_an_active_contract_can_be_terminated(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.Terminate(status, false, Due, Due.AddDays(1)));

        Assert.Equal(("contract", status, "terminated"), (refused.Entity, refused.Current, refused.Attempted));
    }

    // SampleProblem

    [Theory]
    [InlineData(1, "1")]
    [InlineData(500, "50000")]
    [InlineData(50_000, "50000")]
    [InlineData(2, "2.5")]
    public void A_sample_of_one_item_up_to_the_quantity_delivered_is_fine(int sampleSize, string delivered) =>
        Assert.Null(ContractLifecycle.SampleProblem(sampleSize, decimal.Parse(delivered, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_empty_sample_is_refused(int sampleSize) =>
        Assert.Equal("The sample holds at least one item.", ContractLifecycle.SampleProblem(sampleSize, 50_000m));

    [Theory]
    [InlineData(50_001, "50000")]
    [InlineData(3, "2.5")]
    public void A_sample_larger_than_the_delivery_is_refused(int sampleSize, string delivered)
    {
        var problem = ContractLifecycle.SampleProblem(sampleSize, decimal.Parse(delivered, System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotNull(problem);
        Assert.Contains("cannot be larger", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delivered_quantity_is_named_in_the_refusal() =>
        Assert.Equal("The sample cannot be larger than the 400 items delivered.", ContractLifecycle.SampleProblem(401, 400m));

    // The sample size rule validators ask, and the snapshot's pending delivery

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_sample_of_no_item_is_refused_before_any_delivery_is_read(int sampleSize)
    {
        Assert.NotNull(ContractLifecycle.SampleSizeProblem(sampleSize));
        Assert.Equal(ContractLifecycle.SampleSizeProblem(sampleSize), ContractLifecycle.SampleProblem(sampleSize, 100m));
        Assert.Null(ContractLifecycle.SampleSizeProblem(1));
    }

    [Theory]
    [InlineData(DeliveryStatus.Submitted, true)]
    [InlineData(DeliveryStatus.Rejected, false)]
    public void A_delivery_awaits_the_decision_exactly_while_one_is_submitted(string lastStatus, bool awaiting)
    {
        var contract = new ContractSnapshot(Guid.NewGuid(), "HT-2027-000001", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "某标注企业", "510100",
            ContractStatus.Active, 0.95m, Due, 3,
            [new DeliverySnapshot(Guid.NewGuid(), 1, 100m, DeliveryStatus.Rejected, true), new DeliverySnapshot(Guid.NewGuid(), 2, 100m, lastStatus, true)]);

        Assert.Equal(awaiting, contract.DeliveryAwaitingDecision);
    }
}
