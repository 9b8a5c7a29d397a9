using FsCheck;
using FsCheck.Xunit;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Demands;

public sealed class ContractLifecycleTests
{
    private static readonly DateOnly Due = new(2027, 1, 30);
    private static readonly Guid ContractId = Guid.NewGuid(), DemandId = Guid.NewGuid(), EnterpriseId = Guid.NewGuid(), DeliveryId = Guid.NewGuid();
    // The due date's last hour in China (UTC+8), and the first hour after it.
    private static readonly DateTimeOffset OnDueDate = new(2027, 1, 30, 15, 0, 0, TimeSpan.Zero), DayAfterDue = new(2027, 1, 30, 16, 0, 0, TimeSpan.Zero);

    private static ContractSnapshot Contract(string status, params DeliverySnapshot[] deliveries) =>
        new(ContractId, "HT-2027-000001", DemandId, Guid.NewGuid(), EnterpriseId, "某标注企业", "510100", status, 0.95m, Due, 3, deliveries);

    private static DeliverySnapshot Delivery(string status, bool onTime = true) => new(Guid.NewGuid(), 1, 500m, status, onTime);

    private static DeliveryAccepted Accepted(Guid contractId) => new(Guid.NewGuid(), contractId, 400, 0.97m, true);

    private static Changed<IDeliveryDecision> Decide(decimal measured, decimal minimum)
    {
        var delivery = Delivery(DeliveryStatus.Submitted);
        return ContractLifecycle.Decide(Contract(ContractStatus.Active, delivery) with { MinimumAccuracy = minimum }, delivery, 400, measured, null);
    }

    public static TheoryData<string> Closed() => [ContractStatus.Completed, ContractStatus.Terminated];

    [Fact]
    public void The_contract_and_delivery_states_have_their_documented_codes()
    {
        Assert.Equal(["pending", "active", "completed", "terminated", "annulled"], ContractStatus.All);
        Assert.Equal(("submitted", "accepted", "rejected"), (DeliveryStatus.Submitted, DeliveryStatus.Accepted, DeliveryStatus.Rejected));
    }

    // Sign and Annul

    private static readonly DateTimeOffset PublicityEnds = new(2027, 1, 8, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pending_contract_is_signed_at_the_end_of_the_publicity_period_when_no_result_challenge_is_open()
    {
        var (status, signed) = ContractLifecycle.Sign(Contract(ContractStatus.Pending), PublicityEnds, openResultDisputes: 0, PublicityEnds);

        Assert.Equal(ContractStatus.Active, status);
        Assert.Equal(new ContractSigned(ContractId, DemandId, EnterpriseId), signed);
    }

    [Fact]
    public void A_contract_is_not_signed_a_moment_before_the_publicity_period_ends_and_the_refusal_names_the_end_in_China_time()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Sign(Contract(ContractStatus.Pending), PublicityEnds, 0, PublicityEnds.AddTicks(-1)));

        Assert.Equal("publicity_period", refused.Code);
        Assert.Contains("2027-01-08 10:00 (UTC+08:00)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_result_challenge_keeps_the_contract_unsigned_after_the_publicity_period() =>
        Assert.Equal("result_challenge_open", Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Sign(Contract(ContractStatus.Pending), PublicityEnds, openResultDisputes: 1, PublicityEnds.AddDays(30))).Code);

    [Theory]
    [InlineData(ContractStatus.Active)]
    [InlineData(ContractStatus.Completed)]
    [InlineData(ContractStatus.Terminated)]
    [InlineData(ContractStatus.Annulled)]
    public void Only_a_pending_contract_is_signed_or_annulled(string status)
    {
        Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.Sign(Contract(status), PublicityEnds, 0, PublicityEnds.AddDays(1)));
        Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.Annul(Contract(status), Guid.NewGuid(), "质疑成立"));
    }

    [Fact]
    public void An_upheld_result_challenge_annuls_a_pending_contract_naming_the_challenge()
    {
        var challenge = Guid.NewGuid();

        var (status, annulled) = ContractLifecycle.Annul(Contract(ContractStatus.Pending), challenge, "The agency upheld a challenge of the result.");

        Assert.Equal(ContractStatus.Annulled, status);
        Assert.Equal(new ContractAnnulled(ContractId, DemandId, EnterpriseId, challenge, "The agency upheld a challenge of the result."), annulled);
    }

    [Fact]
    public void A_pending_contract_takes_no_delivery() =>
        Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.RecordDelivery(Contract(ContractStatus.Pending), DeliveryId, OnDueDate));

    // RecordDelivery

    [Fact]
    public void A_delivery_under_an_active_contract_is_submitted_as_the_next_attempt_and_reported_with_its_timeliness()
    {
        var contract = Contract(ContractStatus.Active, Delivery(DeliveryStatus.Rejected));
        var id = Guid.NewGuid();

        var (status, recorded) = ContractLifecycle.RecordDelivery(contract, id, OnDueDate);

        Assert.Equal(DeliveryStatus.Submitted, status);
        Assert.Equal(new DeliveryRecorded(id, contract.Id, 2, OnTime: true), recorded);
    }

    [Fact]
    public void A_first_delivery_after_the_due_date_is_reported_late() =>
        Assert.Equal(new DeliveryRecorded(DeliveryId, ContractId, 1, OnTime: false),
            ContractLifecycle.RecordDelivery(Contract(ContractStatus.Active), DeliveryId, DayAfterDue).Event);

    [Theory]
    [MemberData(nameof(Closed))]
    public void A_completed_or_terminated_contract_takes_no_delivery(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.RecordDelivery(Contract(status), DeliveryId, OnDueDate));

        Assert.Equal(("contract", status, "delivered on"), (refused.Entity, refused.Current, refused.Attempted));
        Assert.Equal($"The contract is {status}; it cannot be delivered on.", refused.Message);
    }

    [Fact]
    public void A_closed_contract_is_refused_as_a_transition_before_a_waiting_delivery_is_looked_at() =>
        Assert.Throws<InvalidTransitionException>(() =>
            ContractLifecycle.RecordDelivery(Contract(ContractStatus.Completed, Delivery(DeliveryStatus.Submitted)), DeliveryId, OnDueDate));

    [Fact]
    public void No_delivery_while_the_previous_one_awaits_the_decision()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.RecordDelivery(Contract(ContractStatus.Active, Delivery(DeliveryStatus.Submitted)), DeliveryId, OnDueDate));

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
        Assert.Equal(expected, Decide(decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture)).Status);

    [Property(MaxTest = 500)]
    public bool The_decision_is_accepted_exactly_when_the_measured_accuracy_is_at_least_the_minimum(NonNegativeInt measured, NonNegativeInt minimum)
    {
        var m = measured.Get % 10_001 / 10_000m;
        var min = minimum.Get % 10_001 / 10_000m;

        var (status, decision) = Decide(m, min);
        return m >= min
            ? status == DeliveryStatus.Accepted && decision is DeliveryAccepted
            : status == DeliveryStatus.Rejected && decision is DeliveryRejected;
    }

    [Fact]
    public void An_accepted_delivery_is_reported_with_its_sample_its_accuracy_and_its_timeliness()
    {
        var delivery = Delivery(DeliveryStatus.Submitted, onTime: false);

        var (status, decision) = ContractLifecycle.Decide(Contract(ContractStatus.Active, delivery), delivery, 400, 0.97m, "Good work.");

        Assert.Equal(DeliveryStatus.Accepted, status);
        Assert.Equal(new DeliveryAccepted(delivery.Id, ContractId, 400, 0.97m, OnTime: false), decision);
    }

    [Fact]
    public void A_rejected_delivery_is_reported_with_the_shortfall_ahead_of_the_agency_note()
    {
        var delivery = Delivery(DeliveryStatus.Submitted);

        var (status, decision) = ContractLifecycle.Decide(Contract(ContractStatus.Active, delivery), delivery, 400, 0.9m, "Boxes drawn loosely.");

        Assert.Equal(DeliveryStatus.Rejected, status);
        Assert.Equal(new DeliveryRejected(delivery.Id, ContractId, 400, 0.9m,
            "Measured accuracy 0.9 on a sample of 400 is below the minimum 0.95. Boxes drawn loosely."), decision);
    }

    [Fact]
    public void A_rejection_without_a_note_states_the_shortfall_alone()
    {
        var delivery = Delivery(DeliveryStatus.Submitted);

        var rejected = Assert.IsType<DeliveryRejected>(ContractLifecycle.Decide(Contract(ContractStatus.Active, delivery), delivery, 50, 0.9412m, null).Event);

        Assert.Equal("Measured accuracy 0.9412 on a sample of 50 is below the minimum 0.95.", rejected.Note);
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted)]
    [InlineData(DeliveryStatus.Rejected)]
    public void A_delivery_already_decided_cannot_be_decided_again(string deliveryStatus)
    {
        var delivery = Delivery(deliveryStatus);
        var refused = Assert.Throws<InvalidTransitionException>(() =>
            ContractLifecycle.Decide(Contract(ContractStatus.Active, delivery), delivery, 400, 0.99m, null));

        Assert.Equal(("delivery", deliveryStatus, "decided"), (refused.Entity, refused.Current, refused.Attempted));
    }

    [Theory]
    [MemberData(nameof(Closed))]
    public void No_decision_on_a_contract_that_is_no_longer_active(string status)
    {
        var delivery = Delivery(DeliveryStatus.Submitted);
        var refused = Assert.Throws<InvalidTransitionException>(() =>
            ContractLifecycle.Decide(Contract(status, delivery), delivery, 400, 0.99m, null));

        Assert.Equal(("contract", status, "accepted on"), (refused.Entity, refused.Current, refused.Attempted));
    }

    // Complete

    [Fact]
    public void An_accepted_delivery_completes_its_active_contract_and_the_completion_names_demand_and_enterprise()
    {
        var contract = Contract(ContractStatus.Active);

        var (status, completed) = ContractLifecycle.Complete(contract, Accepted(ContractId));

        Assert.Equal(ContractStatus.Completed, status);
        Assert.Equal(new ContractCompleted(ContractId, DemandId, EnterpriseId), completed);
    }

    [Theory]
    [MemberData(nameof(Closed))]
    public void Only_an_active_contract_is_completed(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.Complete(Contract(status), Accepted(ContractId)));

        Assert.Equal(("contract", status, "completed"), (refused.Entity, refused.Current, refused.Attempted));
    }

    [Fact]
    public void A_delivery_accepted_under_another_contract_completes_nothing() =>
        Assert.Throws<ArgumentException>(() => ContractLifecycle.Complete(Contract(ContractStatus.Active), Accepted(Guid.NewGuid())));

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
    public void An_active_contract_can_be_terminated_the_day_after_its_due_date_and_the_termination_keeps_the_reason()
    {
        var (status, terminated) = ContractLifecycle.Terminate(Contract(ContractStatus.Active), Due.AddDays(1), "Nothing delivered.");

        Assert.Equal(ContractStatus.Terminated, status);
        Assert.Equal(new ContractTerminated(ContractId, DemandId, "Nothing delivered."), terminated);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30)]
    public void A_contract_cannot_be_terminated_on_or_before_its_due_date(int daysAfterDue)
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(Contract(ContractStatus.Active), Due.AddDays(daysAfterDue), "Late."));

        Assert.Equal("contract_not_overdue", refused.Code);
        Assert.Contains("2027-01-30", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_with_a_delivery_awaiting_the_decision_cannot_be_terminated() =>
        Assert.Equal("delivery_awaiting_acceptance", Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(Contract(ContractStatus.Active, Delivery(DeliveryStatus.Submitted)), Due.AddDays(10), "Late.")).Code);

    [Fact]
    public void Before_the_due_date_the_date_is_reported_even_with_a_delivery_awaiting_the_decision() =>
        Assert.Equal("contract_not_overdue", Assert.Throws<BusinessRuleException>(() =>
            ContractLifecycle.Terminate(Contract(ContractStatus.Active, Delivery(DeliveryStatus.Submitted)), Due, "Late.")).Code);

    [Theory]
    [MemberData(nameof(Closed))]
    public void Only_an_active_contract_can_be_terminated(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => ContractLifecycle.Terminate(Contract(status), Due.AddDays(1), "Late."));

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
