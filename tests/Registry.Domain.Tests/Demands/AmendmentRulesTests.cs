using Registry.Domain.Demands;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Demands;

public sealed class AmendmentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Due = new(2026, 6, 1);
    private static readonly Guid Demand = Guid.CreateVersion7();
    private static readonly TimeSpan Notice = DemandLifecycle.DefaultAmendmentNotice;

    private static Changed<DemandAmended> Amend(DateTimeOffset current, DateTimeOffset? requested = null, string status = DemandStatus.Open) =>
        DemandLifecycle.Amend(Demand, 1, "提高准确率要求", ["minimumAccuracy"], status, current, requested, Due, Now, Notice);

    [Fact]
    public void An_amendment_less_than_the_notice_period_before_the_deadline_moves_the_deadline_to_the_end_of_the_notice_period()
    {
        var amended = Amend(current: Now.AddDays(8));
        Assert.Equal(Now + Notice, amended.Event.BidDeadline);
        Assert.True(amended.Event.DeadlineMoved);
        Assert.Equal(DemandStatus.Open, amended.Status);
    }

    [Fact]
    public void An_amendment_with_the_notice_period_still_ahead_keeps_the_deadline_or_takes_the_later_one_asked_for()
    {
        var far = Now + Notice + TimeSpan.FromDays(1);
        Assert.Equal(far, Amend(current: far).Event.BidDeadline);
        Assert.False(Amend(current: far).Event.DeadlineMoved);
        Assert.Equal(far.AddDays(3), Amend(current: far, requested: far.AddDays(3)).Event.BidDeadline);
        Assert.Equal(Now + Notice, Amend(current: Now + Notice).Event.BidDeadline);
    }

    [Fact]
    public void An_amendment_never_brings_the_deadline_forward_and_only_an_open_demand_is_amended()
    {
        var far = Now.AddDays(30);
        Assert.Equal("deadline_earlier", Assert.Throws<BusinessRuleException>(() => Amend(current: far, requested: far.AddDays(-1))).Code);
        Assert.Throws<InvalidTransitionException>(() => Amend(current: Now.AddDays(-1)));
        Assert.Throws<InvalidTransitionException>(() => Amend(current: far, status: DemandStatus.Evaluating));
        // The due date must still follow the (moved) deadline.
        Assert.Throws<BusinessRuleException>(() =>
            DemandLifecycle.Amend(Demand, 1, "r", ["dueDate"], DemandStatus.Open, Now.AddDays(8), null, DateOnly.FromDateTime(Now.AddDays(10).UtcDateTime), Now, Notice));
    }

    [Fact]
    public void A_live_bid_needs_confirmation_after_an_amendment_then_is_confirmed_replaced_withdrawn_or_lapses_at_closing()
    {
        var bid = new BidState(Guid.CreateVersion7(), Demand, Guid.CreateVersion7(), BidStatus.Live);
        var asked = BidLifecycle.RequireConfirmation(bid, 2);
        Assert.Equal(BidStatus.NeedsConfirmation, asked.Status);
        Assert.Equal(2, asked.Event.Amendment);
        var waiting = bid with { Status = asked.Status };

        Assert.Equal(BidStatus.Live, BidLifecycle.Confirm(waiting, demandAcceptsBids: true).Status);
        Assert.Equal("bidding_closed", Assert.Throws<BusinessRuleException>(() => BidLifecycle.Confirm(waiting, demandAcceptsBids: false)).Code);
        Assert.Equal(BidStatus.Live, BidLifecycle.Submit(waiting, Guid.CreateVersion7(), Demand, bid.EnterpriseId, demandAcceptsBids: true).Status);
        Assert.Equal(BidStatus.Withdrawn, BidLifecycle.Withdraw(waiting, demandAcceptsBids: true).Status);
        Assert.Equal(BidStatus.Lapsed, BidLifecycle.Lapse(waiting).Status);
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Open(waiting, []));
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Confirm(bid, demandAcceptsBids: true));
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Lapse(bid));
    }
}
