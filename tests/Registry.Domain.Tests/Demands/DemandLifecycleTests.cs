using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Demands;

public sealed class DemandLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = DemandLifecycle.DefaultMinimumWindow;
    private static readonly DateTimeOffset ValidDeadline = Now + Window + TimeSpan.FromDays(3);
    private static readonly DateOnly ValidDueDate = DateOnly.FromDateTime(ValidDeadline.UtcDateTime).AddDays(30);
    private static readonly Guid Id = Guid.CreateVersion7();
    private const string Number = "XQ-2026-000001";
    private static readonly Guid ContractId = Guid.CreateVersion7();
    private static readonly AwardCandidate Winner = new(Guid.CreateVersion7(), Guid.CreateVersion7(), 250000m, new DateOnly(2026, 5, 1), 1, null);

    // Each operation applied with arguments that satisfy its own rules, so only the state decides the outcome.
    private static readonly Dictionary<string, Func<string, string>> Operations = new()
    {
        ["publish"] = s => DemandLifecycle.Publish(Id, Number, s, ValidDeadline, ValidDueDate, Now, Window, DataSecurityLevels.General).Status,
        ["extend deadline"] = s =>
        {
            var proposed = ValidDeadline.AddDays(5);
            var extended = DemandLifecycle.ExtendDeadline(Id, s, ValidDeadline, proposed, ValidDueDate, Now);
            Assert.Equal(proposed, extended.Event.BidDeadline);
            return extended.Status; // extending the deadline keeps the demand in its state
        },
        ["close"] = s => DemandLifecycle.Close(Id, s, eligibleBids: 3, minimumEligibleBids: 3).Status,
        ["award"] = s => DemandLifecycle.Award(Id, s, ContractId, "HT-2026-000001", Winner).Status,
        ["declare unsuccessful"] = s => DemandLifecycle.DeclareUnsuccessful(Id, s, "无可接受的投标").Status,
        ["start delivery"] = DemandLifecycle.StartDelivery,
        ["complete"] = DemandLifecycle.Complete,
        ["terminate"] = DemandLifecycle.Terminate,
        ["reopen evaluation"] = DemandLifecycle.ReopenEvaluation,
        ["cancel"] = s => DemandLifecycle.Cancel(Id, s, "预算调整").Status,
    };

    private static readonly Dictionary<string, string> Attempted = new()
    {
        ["publish"] = "published",
        ["extend deadline"] = "given a new deadline",
        ["close"] = "closed",
        ["award"] = "awarded",
        ["declare unsuccessful"] = "declared unsuccessful",
        ["start delivery"] = "put in delivery",
        ["complete"] = "completed",
        ["terminate"] = "terminated",
        ["reopen evaluation"] = "evaluated again",
        ["cancel"] = "cancelled",
    };

    // The only allowed transitions; every other (state, operation) pair must throw.
    private static readonly Dictionary<(string From, string Operation), string> Allowed = new()
    {
        [(DemandStatus.Draft, "publish")] = DemandStatus.Open,
        [(DemandStatus.Open, "extend deadline")] = DemandStatus.Open,
        [(DemandStatus.Open, "close")] = DemandStatus.Evaluating,
        [(DemandStatus.Evaluating, "award")] = DemandStatus.Awarded,
        [(DemandStatus.Awarded, "reopen evaluation")] = DemandStatus.Evaluating,
        [(DemandStatus.Evaluating, "declare unsuccessful")] = DemandStatus.Unsuccessful,
        [(DemandStatus.Awarded, "start delivery")] = DemandStatus.InDelivery,
        [(DemandStatus.InDelivery, "start delivery")] = DemandStatus.InDelivery, // a redelivery after a rejection
        [(DemandStatus.InDelivery, "complete")] = DemandStatus.Completed,
        [(DemandStatus.Awarded, "terminate")] = DemandStatus.Terminated,
        [(DemandStatus.InDelivery, "terminate")] = DemandStatus.Terminated,
        [(DemandStatus.Draft, "cancel")] = DemandStatus.Cancelled,
        [(DemandStatus.Open, "cancel")] = DemandStatus.Cancelled,
        [(DemandStatus.Evaluating, "cancel")] = DemandStatus.Cancelled,
    };

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in DemandStatus.All)
            foreach (var operation in Operations.Keys) data.Add(state, operation);
        return data;
    }

    public static TheoryData<string> Statuses()
    {
        var data = new TheoryData<string>();
        foreach (var state in DemandStatus.All) data.Add(state);
        return data;
    }

    public static TheoryData<string> OperationNames()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Operations.Keys) data.Add(operation);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_operation_either_reaches_the_documented_state_or_is_refused_naming_the_current_one(string state, string operation)
    {
        if (Allowed.TryGetValue((state, operation), out var next))
        {
            Assert.Equal(next, Operations[operation](state));
            return;
        }

        var refused = Assert.Throws<InvalidTransitionException>(() => Operations[operation](state));
        Assert.Equal("demand", refused.Entity);
        Assert.Equal(state, refused.Current);
        Assert.Equal(Attempted[operation], refused.Attempted);
        Assert.Equal($"The demand is {state}; it cannot be {Attempted[operation]}.", refused.Message);
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void An_unknown_status_is_refused_by_every_operation(string operation)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => Operations[operation]("archived"));
        Assert.Equal("archived", refused.Current);
    }

    [Fact]
    public void The_tables_cover_nine_states_and_ten_operations_and_only_use_known_ones()
    {
        Assert.Equal(9, DemandStatus.All.Count);
        Assert.Equal(DemandStatus.All.Count, DemandStatus.All.Distinct().Count());
        Assert.Equal(10, Operations.Count);
        Assert.Equal(Operations.Keys.Order(), Attempted.Keys.Order());
        Assert.All(Allowed, t =>
        {
            Assert.Contains(t.Key.From, DemandStatus.All);
            Assert.Contains(t.Value, DemandStatus.All);
            Assert.Contains(t.Key.Operation, Operations.Keys);
        });
    }

    [Theory]
    [InlineData(DemandStatus.Completed)]
    [InlineData(DemandStatus.Cancelled)]
    [InlineData(DemandStatus.Unsuccessful)]
    [InlineData(DemandStatus.Terminated)]
    public void A_final_state_allows_no_operation(string state) =>
        Assert.All(Operations, o => Assert.Throws<InvalidTransitionException>(() => o.Value(state)));

    [Fact]
    public void Each_transition_returns_the_event_that_reports_it()
    {
        Assert.Equal(new DemandPublished(Id, Number, ValidDeadline),
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, ValidDeadline, ValidDueDate, Now, Window, DataSecurityLevels.General).Event);
        Assert.Equal(new DemandDeadlineExtended(Id, ValidDeadline.AddDays(2)),
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, ValidDeadline.AddDays(2), ValidDueDate, Now).Event);
        var clarification = Guid.CreateVersion7();
        Assert.Equal(new DemandClarified(Id, clarification), DemandLifecycle.Clarify(Id, clarification, DemandStatus.Open, ValidDeadline, Now).Event);
        var (invitation, invitee) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        Assert.Equal(new DemandInvitationSent(Id, invitation, invitee), DemandLifecycle.Invite(Id, invitation, invitee, DemandStatus.Open, ValidDeadline, Now).Event);
        Assert.Equal(new DemandClosed(Id, DemandStatus.Unsuccessful, 1), DemandLifecycle.Close(Id, DemandStatus.Open, 1, 3).Event);
        Assert.Equal(new DemandAwarded(Id, ContractId, "HT-2026-000001", Winner.BidId, Winner.EnterpriseId, 250000m, 1),
            DemandLifecycle.Award(Id, DemandStatus.Evaluating, ContractId, "HT-2026-000001", Winner).Event);
        Assert.Equal(new DemandDeclaredUnsuccessful(Id, "无可接受的投标"), DemandLifecycle.DeclareUnsuccessful(Id, DemandStatus.Evaluating, "无可接受的投标").Event);
        Assert.Equal(new DemandCancelled(Id, "预算调整"), DemandLifecycle.Cancel(Id, DemandStatus.Open, "预算调整").Event);
    }

    [Fact]
    public void Only_a_ranked_bid_can_be_awarded() =>
        Assert.Equal("bid_not_ranked", Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Award(Id, DemandStatus.Evaluating, ContractId, "HT-2026-000001", Winner with { Rank = null })).Code);

    [Fact]
    public void A_demand_can_go_the_whole_way_from_draft_to_completed()
    {
        var status = DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, ValidDeadline, ValidDueDate, Now, Window, DataSecurityLevels.Important).Status;
        Assert.Equal(DemandStatus.Open, status);
        status = DemandLifecycle.Close(Id, status, 2, 1).Status;
        Assert.Equal(DemandStatus.Evaluating, status);
        status = DemandLifecycle.Award(Id, status, ContractId, "HT-2026-000001", Winner).Status;
        Assert.Equal(DemandStatus.Awarded, status);
        status = DemandLifecycle.StartDelivery(status);
        Assert.Equal(DemandStatus.InDelivery, status);
        Assert.Equal(DemandStatus.Completed, DemandLifecycle.Complete(status));
    }

    [Fact]
    public void The_states_have_their_documented_codes() =>
        Assert.Equal(["draft", "open", "evaluating", "awarded", "in_delivery", "completed", "cancelled", "unsuccessful", "terminated"], DemandStatus.All);

    [Fact]
    public void A_rejected_delivery_and_a_redelivery_keep_the_demand_in_delivery_until_acceptance()
    {
        var status = DemandLifecycle.StartDelivery(DemandStatus.Awarded);   // the first delivery
        status = DemandLifecycle.StartDelivery(status);                      // rejected, delivered again
        Assert.Equal(DemandStatus.InDelivery, status);
        Assert.Equal(DemandStatus.Completed, DemandLifecycle.Complete(status));
    }

    [Theory]
    [InlineData(DemandStatus.Awarded)]     // nothing was ever delivered
    [InlineData(DemandStatus.InDelivery)]  // deliveries were rejected
    public void A_demand_whose_contract_is_terminated_is_terminated(string state) =>
        Assert.Equal(DemandStatus.Terminated, DemandLifecycle.Terminate(state));

    [Fact]
    public void A_terminated_demand_cannot_be_delivered_on_completed_or_cancelled()
    {
        Assert.Equal("put in delivery", Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.StartDelivery(DemandStatus.Terminated)).Attempted);
        Assert.Equal("completed", Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.Complete(DemandStatus.Terminated)).Attempted);
        Assert.Equal("cancelled", Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.Cancel(Id, DemandStatus.Terminated, "预算调整")).Attempted);
    }

    // Publish

    [Fact]
    public void Core_data_is_never_put_out_to_tender()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, ValidDeadline, ValidDueDate, Now, Window, DataSecurityLevels.Core));

        Assert.Equal("core_data_not_tenderable", refused.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    [Theory]
    [InlineData(DataSecurityLevels.General)]
    [InlineData(DataSecurityLevels.Important)]
    public void General_and_important_data_may_be_put_out_to_tender(string level) =>
        Assert.Equal(DemandStatus.Open, DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, ValidDeadline, ValidDueDate, Now, Window, level).Status);

    [Fact]
    public void Core_data_is_refused_before_the_dates_are_looked_at()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now, DateOnly.FromDateTime(Now.UtcDateTime), Now, Window, DataSecurityLevels.Core));

        Assert.Equal("core_data_not_tenderable", refused.Code);
    }

    [Fact]
    public void Publishing_a_demand_that_is_not_a_draft_is_an_invalid_transition_even_for_core_data() =>
        Assert.Throws<InvalidTransitionException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Open, ValidDeadline, ValidDueDate, Now, Window, DataSecurityLevels.Core));

    [Fact]
    public void A_deadline_one_tick_short_of_the_minimum_window_is_too_soon()
    {
        var deadline = Now + Window - TimeSpan.FromTicks(1);

        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, deadline, ValidDueDate, Now, Window, DataSecurityLevels.General));

        Assert.Equal("deadline_too_soon", refused.Code);
        Assert.Contains("not before 2026-03-09 17:00 (UTC+08:00)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void A_deadline_in_the_past_now_or_within_the_window_is_too_soon(int daysAhead)
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now.AddDays(daysAhead), ValidDueDate, Now, Window, DataSecurityLevels.General));

        Assert.Equal("deadline_too_soon", refused.Code);
    }

    [Fact]
    public void A_deadline_exactly_the_minimum_window_ahead_is_accepted() =>
        Assert.Equal(DemandStatus.Open,
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now + Window, ValidDueDate, Now, Window, DataSecurityLevels.General).Status);

    [Fact]
    public void The_default_minimum_window_is_seven_days() => Assert.Equal(TimeSpan.FromDays(7), DemandLifecycle.DefaultMinimumWindow);

    [Fact]
    public void The_minimum_window_can_be_given()
    {
        var window = TimeSpan.FromDays(3);

        Assert.Equal(DemandStatus.Open, DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now + window, ValidDueDate, Now, window, DataSecurityLevels.General).Status);
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now + window - TimeSpan.FromTicks(1), ValidDueDate, Now, window, DataSecurityLevels.General));
        Assert.Equal("deadline_too_soon", refused.Code);
    }

    [Fact]
    public void The_window_compares_instants_whatever_the_offset_the_deadline_is_written_in()
    {
        var sameInstantInBeijing = (Now + Window).ToOffset(TimeSpan.FromHours(8));
        var tickEarlierInBeijing = sameInstantInBeijing - TimeSpan.FromTicks(1);

        Assert.Equal(DemandStatus.Open,
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, sameInstantInBeijing, ValidDueDate, Now, Window, DataSecurityLevels.General).Status);
        Assert.Equal("deadline_too_soon", Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, tickEarlierInBeijing, ValidDueDate, Now, Window, DataSecurityLevels.General)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30)]
    public void A_due_date_on_or_before_the_deadline_date_is_refused(int daysAfterDeadline)
    {
        var deadline = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
        var due = new DateOnly(2026, 3, 20).AddDays(daysAfterDeadline);

        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, deadline, due, Now, Window, DataSecurityLevels.General));

        Assert.Equal("due_date_before_deadline", refused.Code);
    }

    [Fact]
    public void A_deadline_late_in_the_UTC_day_falls_on_the_next_China_day()
    {
        var deadline = new DateTimeOffset(2026, 3, 20, 23, 0, 0, TimeSpan.Zero); // 2026-03-21 07:00 in China

        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, deadline, new DateOnly(2026, 3, 21), Now, Window, DataSecurityLevels.General));
        Assert.Equal("due_date_before_deadline", refused.Code);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23, 59)]
    public void A_due_date_the_day_after_the_deadline_is_accepted_whatever_the_time_of_the_deadline(int hour, int minute)
    {
        // Due dates are China Standard Time dates: the deadline's day is its day in UTC+8.
        var deadline = new DateTimeOffset(2026, 3, 20, hour, minute, 0, TimeSpan.FromHours(8));

        Assert.Equal(DemandStatus.Open,
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, deadline, new DateOnly(2026, 3, 21), Now, Window, DataSecurityLevels.General).Status);
    }

    [Fact]
    public void A_deadline_too_soon_is_reported_before_a_due_date_that_does_not_follow_it()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Publish(Id, Number, DemandStatus.Draft, Now.AddDays(1), DateOnly.FromDateTime(Now.UtcDateTime), Now, Window, DataSecurityLevels.General));

        Assert.Equal("deadline_too_soon", refused.Code);
    }

    // ExtendDeadline

    [Fact]
    public void A_later_deadline_is_accepted_and_returned()
    {
        var proposed = ValidDeadline.AddDays(7);

        Assert.Equal(proposed, DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, proposed, ValidDueDate, Now).Event.BidDeadline);
    }

    [Fact]
    public void A_deadline_one_tick_later_is_an_extension()
    {
        var proposed = ValidDeadline + TimeSpan.FromTicks(1);

        Assert.Equal(proposed, DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, proposed, ValidDueDate, Now).Event.BidDeadline);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-TimeSpan.TicksPerDay)]
    public void An_equal_or_earlier_deadline_is_not_an_extension(long ticks)
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, ValidDeadline + TimeSpan.FromTicks(ticks), ValidDueDate, Now));

        Assert.Equal("deadline_not_extended", refused.Code);
    }

    [Fact]
    public void The_same_instant_written_in_another_offset_is_not_an_extension()
    {
        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, ValidDeadline.ToOffset(TimeSpan.FromHours(8)), ValidDueDate, Now));

        Assert.Equal("deadline_not_extended", refused.Code);
    }

    // Close

    [Theory]
    [InlineData(0, 1, DemandStatus.Unsuccessful)]
    [InlineData(1, 1, DemandStatus.Evaluating)]
    [InlineData(5, 1, DemandStatus.Evaluating)]
    [InlineData(0, 3, DemandStatus.Unsuccessful)]
    [InlineData(2, 3, DemandStatus.Unsuccessful)]
    [InlineData(3, 3, DemandStatus.Evaluating)]
    [InlineData(4, 3, DemandStatus.Evaluating)]
    public void Closing_evaluates_with_enough_eligible_bids_and_is_unsuccessful_with_fewer(int eligible, int minimum, string expected) =>
        Assert.Equal(expected, DemandLifecycle.Close(Id, DemandStatus.Open, eligible, minimum).Status);

    [Property(MaxTest = 500)]
    public bool Closing_evaluates_exactly_when_the_eligible_bids_reach_the_minimum(NonNegativeInt eligible, PositiveInt minimum) =>
        DemandLifecycle.Close(Id, DemandStatus.Open, eligible.Get, minimum.Get).Status
        == (eligible.Get >= minimum.Get ? DemandStatus.Evaluating : DemandStatus.Unsuccessful);

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Only_an_open_demand_can_be_closed_even_without_bids(string state)
    {
        if (state == DemandStatus.Open)
        {
            Assert.Equal(DemandStatus.Unsuccessful, DemandLifecycle.Close(Id, state, 0, 1).Status);
            return;
        }

        Assert.Equal(state, Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.Close(Id, state, 0, 1)).Current);
    }

    // AcceptsBids

    [Fact]
    public void Bids_are_accepted_one_tick_before_the_deadline() =>
        Assert.True(DemandLifecycle.AcceptsBids(DemandStatus.Open, ValidDeadline, ValidDeadline - TimeSpan.FromTicks(1)));

    [Fact]
    public void Bids_are_not_accepted_at_the_deadline() =>
        Assert.False(DemandLifecycle.AcceptsBids(DemandStatus.Open, ValidDeadline, ValidDeadline));

    [Fact]
    public void Bids_are_not_accepted_after_the_deadline()
    {
        Assert.False(DemandLifecycle.AcceptsBids(DemandStatus.Open, ValidDeadline, ValidDeadline + TimeSpan.FromTicks(1)));
        Assert.False(DemandLifecycle.AcceptsBids(DemandStatus.Open, ValidDeadline, ValidDeadline.AddDays(30)));
    }

    [Fact]
    public void The_deadline_is_an_instant_whatever_the_offset_of_now() =>
        Assert.False(DemandLifecycle.AcceptsBids(DemandStatus.Open, ValidDeadline, ValidDeadline.ToOffset(TimeSpan.FromHours(8))));

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Only_an_open_demand_accepts_bids(string state) =>
        Assert.Equal(state == DemandStatus.Open, DemandLifecycle.AcceptsBids(state, ValidDeadline, Now));

    [Property(MaxTest = 1000)]
    public bool An_open_demand_accepts_bids_exactly_when_now_is_before_the_deadline(DateTimeOffset deadline, DateTimeOffset now) =>
        DemandLifecycle.AcceptsBids(DemandStatus.Open, deadline, now) == (now < deadline);

    private static readonly Gen<(DateTimeOffset Deadline, DateTimeOffset Now)> NearbyInstants =
        from deadlineTicks in Gen.Choose(0, int.MaxValue)
        from delta in Gen.Choose(-3, 3)
        from deadlineOffset in Gen.Choose(-14, 14)
        from nowOffset in Gen.Choose(-14, 14)
        let deadline = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(deadlineTicks * 1000L)
        select (deadline.ToOffset(TimeSpan.FromHours(deadlineOffset)), deadline.AddTicks(delta).ToOffset(TimeSpan.FromHours(nowOffset)));

    [Property(MaxTest = 1000)]
    public Property Around_the_deadline_and_in_any_offsets_an_open_demand_accepts_bids_exactly_when_now_is_before_it() =>
        Prop.ForAll(NearbyInstants.ToArbitrary(), t =>
            DemandLifecycle.AcceptsBids(DemandStatus.Open, t.Deadline, t.Now) == (t.Now < t.Deadline)
            && DemandLifecycle.AcceptsBids(DemandStatus.Open, t.Deadline, t.Now) == (t.Now.UtcTicks < t.Deadline.UtcTicks));

    [Property(MaxTest = 500)]
    public bool A_demand_that_is_not_open_never_accepts_bids(DateTimeOffset deadline, DateTimeOffset now) =>
        DemandStatus.All.Where(s => s != DemandStatus.Open).All(s => !DemandLifecycle.AcceptsBids(s, deadline, now));

    // ExtendDeadline and Clarify: only while bidding is open

    [Fact]
    public void A_deadline_that_has_passed_cannot_be_extended_even_while_the_demand_is_still_open()
    {
        var refused = Assert.Throws<InvalidTransitionException>(() =>
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, ValidDeadline.AddDays(3), ValidDueDate, now: ValidDeadline));

        Assert.Equal("closed for bids", refused.Current);
        Assert.Equal("given a new deadline", refused.Attempted);
    }

    [Fact]
    public void A_new_deadline_must_stay_before_the_delivery_due_date()
    {
        // 16:00 UTC on the day before the due date is already the due date in China.
        var onTheDueDateInChina = new DateTimeOffset(ValidDueDate.AddDays(-1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);

        var refused = Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, onTheDueDateInChina, ValidDueDate, Now));

        Assert.Equal("due_date_before_deadline", refused.Code);
        Assert.Equal(onTheDueDateInChina.AddMinutes(-1),
            DemandLifecycle.ExtendDeadline(Id, DemandStatus.Open, ValidDeadline, onTheDueDateInChina.AddMinutes(-1), ValidDueDate, Now).Event.BidDeadline);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Clarifications_are_published_only_while_bidding_is_open(string state)
    {
        if (state == DemandStatus.Open)
        {
            DemandLifecycle.Clarify(Id, Guid.CreateVersion7(), state, ValidDeadline, Now);
            Assert.Equal("closed for bids",
                Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.Clarify(Id, Guid.CreateVersion7(), state, ValidDeadline, ValidDeadline)).Current);
            return;
        }

        Assert.Equal(state, Assert.Throws<InvalidTransitionException>(() => DemandLifecycle.Clarify(Id, Guid.CreateVersion7(), state, ValidDeadline, Now)).Current);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Enterprises_are_invited_only_while_bidding_is_open(string state)
    {
        if (state == DemandStatus.Open)
        {
            Assert.Equal(DemandStatus.Open, DemandLifecycle.Invite(Id, Guid.CreateVersion7(), Guid.CreateVersion7(), state, ValidDeadline, Now).Status);
            Assert.Equal("closed for bids", Assert.Throws<InvalidTransitionException>(() =>
                DemandLifecycle.Invite(Id, Guid.CreateVersion7(), Guid.CreateVersion7(), state, ValidDeadline, ValidDeadline)).Current);
            return;
        }

        Assert.Equal(state, Assert.Throws<InvalidTransitionException>(() =>
            DemandLifecycle.Invite(Id, Guid.CreateVersion7(), Guid.CreateVersion7(), state, ValidDeadline, Now)).Current);
    }
}
