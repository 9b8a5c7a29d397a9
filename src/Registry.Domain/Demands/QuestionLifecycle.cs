using Registry.Domain.Events;
using Registry.Domain.Time;

namespace Registry.Domain.Demands;

public static class QuestionStatus
{
    public const string Open = "open";
    public const string Answered = "answered";

    public static IReadOnlyList<string> All { get; } = [Open, Answered];
}

/// <summary>
/// A bidder's question: asked while bidding is open and before the question period ends (<see cref="QuestionsCloseAt"/>),
/// answered by the agency while bidding is still open. The answer is published to every bidder as a clarification that does
/// not name the asker, so asking reveals nothing of who may bid.
/// </summary>
public static class QuestionLifecycle
{
    /// <summary>Questions close this long before the deadline unless configured otherwise, leaving time to answer and to use the answer.</summary>
    public static readonly TimeSpan DefaultQuestionPeriod = TimeSpan.FromDays(3);

    /// <summary>The last instant a question is accepted: <paramref name="questionPeriod"/> before the bidding deadline.</summary>
    public static DateTimeOffset QuestionsCloseAt(DateTimeOffset deadline, TimeSpan questionPeriod) => deadline - questionPeriod;

    public static Changed<QuestionAsked> Ask(Guid questionId, Guid demandId, Guid enterpriseId, string demandStatus, DateTimeOffset deadline,
        DateTimeOffset now, TimeSpan questionPeriod)
    {
        if (!DemandLifecycle.AcceptsBids(demandStatus, deadline, now)) throw DemandLifecycle.ClosedForBids("asked about");
        var closes = QuestionsCloseAt(deadline, questionPeriod);
        if (now >= closes)
            throw new BusinessRuleException("question_period_over",
                $"Questions about this demand closed at {ChinaTime.Format(closes)}, {questionPeriod.TotalDays:0.##} days before the bidding deadline.",
                ChinaTime.Format(closes), questionPeriod.TotalDays.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        return new(QuestionStatus.Open, new QuestionAsked(questionId, demandId, enterpriseId));
    }

    public static Changed<QuestionAnswered> Answer(Guid questionId, Guid demandId, Guid enterpriseId, Guid clarificationId, string status,
        string demandStatus, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (status != QuestionStatus.Open) throw new InvalidTransitionException("question", status, "answered");
        if (!DemandLifecycle.AcceptsBids(demandStatus, deadline, now)) throw DemandLifecycle.ClosedForBids("answered");
        return new(QuestionStatus.Answered, new QuestionAnswered(questionId, demandId, enterpriseId, clarificationId));
    }
}
