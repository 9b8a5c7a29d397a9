using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// The agency answers a bidder's question while bidding is open: question and answer are published to everyone as a
/// clarification, without the asker. <see cref="PublishedQuestion"/> lets the agency word the question neutrally, e.g. to
/// remove what would identify the asker; the asker's own wording stays with the question.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record AnswerQuestion(Guid DemandId, Guid QuestionId, string Answer, string? PublishedQuestion) : ICommand<QuestionView>;

public sealed class AnswerQuestionValidator : AbstractValidator<AnswerQuestion>
{
    public AnswerQuestionValidator()
    {
        RuleFor(x => x.Answer).NotEmpty().MultilineText(4000);
        RuleFor(x => x.PublishedQuestion!).NotEmpty().MultilineText(2000).When(x => x.PublishedQuestion is not null);
    }
}

internal sealed class AnswerQuestionHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<AnswerQuestion, QuestionView>
{
    public async Task<QuestionView> Handle(AnswerQuestion c, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.Require(DemandReads.Item(demand), Act.AsParty, "demand", c.DemandId, "Only the agency that published this demand answers its questions.");
        var question = await db.QuerySingleOrDefaultAsync<QuestionReads.Row>(QuestionReads.ByIdSql, new { id = c.QuestionId, c.DemandId }, ct)
            ?? throw new NotFound("question", c.QuestionId);
        var now = clock.GetUtcNow();
        var clarificationId = Guid.CreateVersion7();
        var answered = QuestionLifecycle.Answer(question.Id, c.DemandId, question.EnterpriseId, clarificationId, question.Status, demand.Status,
            demand.BidDeadline, now);
        var clarified = DemandLifecycle.Clarify(c.DemandId, clarificationId, demand.Status, demand.BidDeadline, now);
        if (await db.ExecuteAsync(InsertClarificationSql, new { id = clarificationId, c.DemandId, question = c.PublishedQuestion ?? question.Question,
                c.Answer, now }, ct) == 0)
            throw DemandLifecycle.ClosedForBids("answered");
        if (await db.ExecuteAsync(AnswerSql, new { id = question.Id, answered.Status, clarificationId, now, open = QuestionStatus.Open }, ct) == 0)
            throw new InvalidTransitionException("question", QuestionStatus.Answered, "answered");
        outbox.Publish(answered.Event);
        outbox.Publish(clarified.Event);
        return (await db.QuerySingleOrDefaultAsync<QuestionReads.Row>(QuestionReads.ByIdSql, new { id = question.Id, c.DemandId }, ct))!.View(namingAsker: false);
    }

    private static readonly Sql InsertClarificationSql = new($"""
        insert into demand_clarifications (id, demand_id, question, answer, published_at)
        select @id, @demandId, @question, @answer, @now where {BiddingGuard.Open}
        """);

    // Answered once: a second answer racing the first finds the question no longer open.
    private static readonly Sql AnswerSql = new("""
        update demand_questions set status = @status, clarification_id = @clarificationId, answered_at = @now where id = @id and status = @open
        """);
}
