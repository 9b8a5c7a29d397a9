using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The agency publishes a clarification (a question and its answer) to every bidder while bidding is open.</summary>
[AllowedFor(Roles.Agency)]
public sealed record PublishClarification(Guid DemandId, string Question, string Answer) : ICommand<ClarificationView>;

public sealed class PublishClarificationValidator : AbstractValidator<PublishClarification>
{
    public PublishClarificationValidator()
    {
        RuleFor(x => x.Question).NotEmpty().MultilineText(2000);
        RuleFor(x => x.Answer).NotEmpty().MultilineText(4000);
    }
}

internal sealed class PublishClarificationHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<PublishClarification, ClarificationView>
{
    public async Task<ClarificationView> Handle(PublishClarification c, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.Require(DemandReads.Item(demand), Act.AsParty, "demand", c.DemandId, "Only the agency that published this demand may clarify it.");
        var now = clock.GetUtcNow();
        var view = new ClarificationView { Id = Guid.CreateVersion7(), DemandId = c.DemandId, Question = c.Question, Answer = c.Answer, PublishedAt = now };
        var clarified = DemandLifecycle.Clarify(c.DemandId, view.Id, demand.Status, demand.BidDeadline, now);
        if (await db.ExecuteAsync(InsertSql, new { view.Id, view.DemandId, view.Question, view.Answer, now }, ct) == 0)
            throw DemandLifecycle.ClosedForBids("clarified");
        outbox.Publish(clarified.Event);
        return view;
    }

    private static readonly Sql InsertSql = new($"""
        insert into demand_clarifications (id, demand_id, question, answer, published_at)
        select @id, @demandId, @question, @answer, @now where {BiddingGuard.Open}
        """);
}
