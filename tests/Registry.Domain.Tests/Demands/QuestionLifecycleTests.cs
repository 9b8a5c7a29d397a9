using Registry.Domain.Demands;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Demands;

public sealed class QuestionLifecycleTests
{
    // Deadline 2026-03-20 10:00 in China (02:00 UTC); with the default three days, questions close 2026-03-17 10:00 China time.
    private static readonly DateTimeOffset Deadline = new(2026, 3, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = QuestionLifecycle.DefaultQuestionPeriod;
    private static readonly Guid Demand = Guid.CreateVersion7(), Enterprise = Guid.CreateVersion7(), Question = Guid.CreateVersion7();

    private static Changed<QuestionAsked> Ask(DateTimeOffset now, string status = DemandStatus.Open) =>
        QuestionLifecycle.Ask(Question, Demand, Enterprise, status, Deadline, now, Period);

    [Fact]
    public void A_question_is_accepted_until_the_instant_the_question_period_begins_and_refused_from_that_instant_in_China_time()
    {
        var closes = QuestionLifecycle.QuestionsCloseAt(Deadline, Period);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 10, 0, 0, TimeSpan.FromHours(8)), closes);

        var asked = Ask(closes.AddTicks(-1));
        Assert.Equal(QuestionStatus.Open, asked.Status);
        Assert.Equal(new QuestionAsked(Question, Demand, Enterprise), asked.Event);

        var refused = Assert.Throws<BusinessRuleException>(() => Ask(closes));
        Assert.Equal("question_period_over", refused.Code);
        Assert.Contains("2026-03-17 10:00 (UTC+08:00)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemandStatus.Draft)]
    [InlineData(DemandStatus.Evaluating)]
    [InlineData(DemandStatus.Cancelled)]
    [InlineData(DemandStatus.Awarded)]
    public void Only_an_open_demand_takes_questions(string status) =>
        Assert.Throws<InvalidTransitionException>(() => Ask(Deadline.AddDays(-10), status));

    [Fact]
    public void A_question_is_answered_once_and_only_while_bidding_is_open()
    {
        var clarification = Guid.CreateVersion7();
        var answered = QuestionLifecycle.Answer(Question, Demand, Enterprise, clarification, QuestionStatus.Open, DemandStatus.Open, Deadline, Deadline.AddTicks(-1));
        Assert.Equal(QuestionStatus.Answered, answered.Status);
        Assert.Equal(clarification, answered.Event.ClarificationId);

        Assert.Throws<InvalidTransitionException>(() =>
            QuestionLifecycle.Answer(Question, Demand, Enterprise, clarification, QuestionStatus.Answered, DemandStatus.Open, Deadline, Deadline.AddDays(-1)));
        Assert.Throws<InvalidTransitionException>(() =>
            QuestionLifecycle.Answer(Question, Demand, Enterprise, clarification, QuestionStatus.Open, DemandStatus.Open, Deadline, Deadline));
    }
}
