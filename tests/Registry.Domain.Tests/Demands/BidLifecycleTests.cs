using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Demands;

public sealed class BidLifecycleTests
{
    private static readonly Guid Demand = Guid.NewGuid(), Enterprise = Guid.NewGuid(), Contract = Guid.NewGuid();

    private static BidState Bid(string status) => new(Guid.NewGuid(), Demand, Enterprise, status);

    public static TheoryData<string> All() => [.. BidStatus.All];

    [Fact]
    public void The_bid_states_have_their_documented_codes() =>
        Assert.Equal(["live", "withdrawn", "eligible", "ineligible", "won", "lost", "needs_confirmation", "lapsed"], BidStatus.All);

    [Fact]
    public void A_first_bid_is_live_and_reported_as_submitted_under_its_new_id()
    {
        var id = Guid.NewGuid();
        var (status, e) = BidLifecycle.Submit(null, id, Demand, Enterprise, demandAcceptsBids: true);
        Assert.Equal(BidStatus.Live, status);
        Assert.Equal(new BidSubmitted(id, Demand, Enterprise), e);
    }

    [Theory]
    [InlineData(BidStatus.Live)]
    [InlineData(BidStatus.Withdrawn)]
    public void A_live_bid_may_be_replaced_and_a_withdrawn_one_renewed_keeping_its_id(string from)
    {
        var bid = Bid(from);
        var (status, e) = BidLifecycle.Submit(bid, Guid.NewGuid(), Demand, Enterprise, demandAcceptsBids: true);
        Assert.Equal(BidStatus.Live, status);
        Assert.Equal(bid.BidId, e.BidId);
    }

    [Fact]
    public void No_bid_is_submitted_once_bidding_is_closed()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => BidLifecycle.Submit(null, Guid.NewGuid(), Demand, Enterprise, demandAcceptsBids: false));
        Assert.Equal("bidding_closed", refused.Code);
    }

    [Theory]
    [InlineData(BidStatus.Eligible)]
    [InlineData(BidStatus.Ineligible)]
    [InlineData(BidStatus.Won)]
    [InlineData(BidStatus.Lost)]
    [InlineData(BidStatus.Lapsed)]
    public void An_opened_bid_is_never_submitted_again(string from) =>
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Submit(Bid(from), Guid.NewGuid(), Demand, Enterprise, demandAcceptsBids: true));

    [Fact]
    public void Only_a_live_bid_or_one_awaiting_confirmation_is_withdrawn_and_only_while_bidding_is_open()
    {
        var bid = Bid(BidStatus.Live);
        Assert.Equal(new Changed<BidWithdrawn>(BidStatus.Withdrawn, new BidWithdrawn(bid.BidId, Demand, Enterprise)), BidLifecycle.Withdraw(bid, demandAcceptsBids: true));
        Assert.Equal("bidding_closed", Assert.Throws<BusinessRuleException>(() => BidLifecycle.Withdraw(bid, demandAcceptsBids: false)).Code);
        Assert.Equal(BidStatus.Withdrawn, BidLifecycle.Withdraw(Bid(BidStatus.NeedsConfirmation), demandAcceptsBids: true).Status);
        foreach (var other in BidStatus.All.Where(s => s is not (BidStatus.Live or BidStatus.NeedsConfirmation)))
            Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Withdraw(Bid(other), demandAcceptsBids: true));
    }

    [Fact]
    public void Closing_opens_a_live_bid_as_eligible_without_problems_and_ineligible_with_their_reasons()
    {
        var bid = Bid(BidStatus.Live);
        var (eligible, found) = BidLifecycle.Open(bid, []);
        Assert.Equal((BidStatus.Eligible, new BidFoundEligible(bid.BidId, Demand, Enterprise)), (eligible, (BidFoundEligible)found));

        var (ineligible, refused) = BidLifecycle.Open(bid, [("grade_too_low", "Grade 3 is required."), ("no_capability", "No audio transcription.")]);
        Assert.Equal(BidStatus.Ineligible, ineligible);
        Assert.Equal("Grade 3 is required. No audio transcription.", ((BidFoundIneligible)refused).Reason);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Only_a_live_bid_is_opened(string from)
    {
        if (from == BidStatus.Live) return;
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Open(Bid(from), []));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Only_an_eligible_bid_wins(string from)
    {
        var bid = Bid(from);
        if (from == BidStatus.Eligible)
            Assert.Equal(new Changed<BidWon>(BidStatus.Won, new BidWon(bid.BidId, Demand, Enterprise, Contract)), BidLifecycle.Win(bid, Contract));
        else
            Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Win(bid, Contract));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Only_an_opened_bid_that_did_not_win_is_lost(string from)
    {
        var bid = Bid(from);
        if (from is BidStatus.Eligible or BidStatus.Ineligible)
            Assert.Equal(new Changed<BidLost>(BidStatus.Lost, new BidLost(bid.BidId, Demand, Enterprise, 2)), BidLifecycle.Lose(bid, 2));
        else
            Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Lose(bid, 2));
    }

    [Fact]
    public void An_evaluation_moves_an_opened_bid_only_when_its_standing_changed()
    {
        var eligible = Bid(BidStatus.Eligible);
        var ineligible = Bid(BidStatus.Ineligible);
        var suspended = new[] { ("certificate_not_active", "The certificate is suspended.") };

        Assert.Null(BidLifecycle.Reassess(eligible, []));
        Assert.Null(BidLifecycle.Reassess(ineligible, suspended));
        Assert.Equal(new Changed<IBidOpening>(BidStatus.Ineligible, new BidFoundIneligible(eligible.BidId, Demand, Enterprise, "The certificate is suspended.")),
            BidLifecycle.Reassess(eligible, suspended));
        Assert.Equal(new Changed<IBidOpening>(BidStatus.Eligible, new BidFoundEligible(ineligible.BidId, Demand, Enterprise)),
            BidLifecycle.Reassess(ineligible, []));
    }

    [Fact]
    public void An_annulled_award_opens_the_bids_it_decided_again_by_the_rule_as_it_stands_now()
    {
        var won = Bid(BidStatus.Won);
        var lost = Bid(BidStatus.Lost);
        var excluded = new[] { ("excluded", "The enterprise is excluded.") };

        Assert.Equal(new Changed<IBidOpening>(BidStatus.Eligible, new BidFoundEligible(won.BidId, Demand, Enterprise)), BidLifecycle.Reopen(won, []));
        Assert.Equal(new Changed<IBidOpening>(BidStatus.Ineligible, new BidFoundIneligible(lost.BidId, Demand, Enterprise, "The enterprise is excluded.")),
            BidLifecycle.Reopen(lost, excluded));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Only_a_bid_an_award_decided_is_opened_again(string from)
    {
        if (from is BidStatus.Won or BidStatus.Lost)
            Assert.Equal(BidStatus.Eligible, BidLifecycle.Reopen(Bid(from), []).Status);
        else
            Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Reopen(Bid(from), []));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Only_an_opened_bid_is_reassessed(string from)
    {
        if (from is BidStatus.Eligible or BidStatus.Ineligible) return;
        Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Reassess(Bid(from), []));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_cancelled_demand_voids_every_standing_bid_without_a_rank(string from)
    {
        var bid = Bid(from);
        if (from is BidStatus.Live or BidStatus.NeedsConfirmation or BidStatus.Eligible or BidStatus.Ineligible)
            Assert.Equal(new Changed<BidLost>(BidStatus.Lost, new BidLost(bid.BidId, Demand, Enterprise, null)), BidLifecycle.Void(bid));
        else
            Assert.Throws<InvalidTransitionException>(() => BidLifecycle.Void(bid));
    }
}
