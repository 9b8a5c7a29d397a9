using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// An enterprise asks about an open demand's terms (询问) until the question period ends (<see cref="BiddingOptions.QuestionPeriod"/>
/// before the deadline). The agency sees the question without the asker; the answer is published to everyone.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record AskQuestion(Guid DemandId, string Question) : ICommand<QuestionView>
{
    /// <summary>Unanswered questions one enterprise may have on one demand at a time.</summary>
    public const int MaxOpenPerEnterprise = 10;
}

public sealed class AskQuestionValidator : AbstractValidator<AskQuestion>
{
    public AskQuestionValidator() => RuleFor(x => x.Question).NotEmpty().MultilineText(2000);
}

internal sealed class AskQuestionHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<AskQuestion, QuestionView>
{
    public async Task<QuestionView> Handle(AskQuestion c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", c.DemandId);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var asked = QuestionLifecycle.Ask(id, c.DemandId, enterpriseId, demand.Status, demand.BidDeadline, now, bidding.QuestionPeriod);
        if (await db.ScalarAsync<int>(OpenCountSql, new { c.DemandId, enterpriseId, status = QuestionStatus.Open }, ct) >= AskQuestion.MaxOpenPerEnterprise)
            throw new BusinessRuleException("too_many_questions",
                $"Your enterprise already has {AskQuestion.MaxOpenPerEnterprise} unanswered questions on this demand; wait for the answers.", AskQuestion.MaxOpenPerEnterprise);
        var closes = QuestionLifecycle.QuestionsCloseAt(demand.BidDeadline, bidding.QuestionPeriod);
        if (await db.ExecuteAsync(InsertSql, new { id, c.DemandId, enterpriseId, c.Question, asked.Status, now, closes }, ct) == 0)
            throw DemandLifecycle.ClosedForBids("asked about");
        outbox.Publish(asked.Event);
        return (await db.QuerySingleOrDefaultAsync<QuestionReads.Row>(QuestionReads.ByIdSql, new { id, c.DemandId }, ct))!.View(namingAsker: false);
    }

    private static readonly Sql OpenCountSql = new("""
        select count(*) from demand_questions where demand_id = @demandId and enterprise_id = @enterpriseId and status = @status
        """);

    // The demand's row decides at the write, as for bids: the deadline (and so the question period) may pass after the read.
    private static readonly Sql InsertSql = new("""
        insert into demand_questions (id, demand_id, enterprise_id, question, status, clarification_id, asked_at, answered_at)
        select @id, @demandId, @enterpriseId, @question, @status, null, @now, null
        where exists (select 1 from demands g where g.id = @demandId and g.status = 'open' and g.bid_deadline > @now and @now < @closes)
        """);
}
