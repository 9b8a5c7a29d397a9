using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The agency extends the bidding deadline of an open demand; bids already made stand.</summary>
[AllowedFor(Roles.Agency)]
public sealed record ExtendBidDeadline(Guid Id, long ExpectedVersion, DateTimeOffset BidDeadline) : ICommand<DemandView>;

public sealed class ExtendBidDeadlineValidator : AbstractValidator<ExtendBidDeadline>
{
    public ExtendBidDeadlineValidator() => RuleFor(x => x.ExpectedVersion).IfMatchVersion();
}

internal sealed class ExtendBidDeadlineHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, IJobScheduler scheduler)
    : IRequestHandler<ExtendBidDeadline, DemandView>
{
    public async Task<DemandView> Handle(ExtendBidDeadline c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.Id, c.ExpectedVersion, ct);
        var now = clock.GetUtcNow();
        var extended = DemandLifecycle.ExtendDeadline(c.Id, demand.Status, demand.BidDeadline, c.BidDeadline.ToUniversalTime(), demand.DueDate, now);
        var deadline = extended.Event.BidDeadline;
        if (await db.ExecuteAsync(DeadlineSql, new { demandId = c.Id, deadline, now }, ct) == 0)
            throw DemandLifecycle.ClosedForBids("given a new deadline");
        outbox.Publish(extended.Event);
        scheduler.CloseDemandAt(deadline);
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    private static readonly Sql DeadlineSql = new($"""
        update demands set bid_deadline = @deadline, row_version = row_version + 1, updated_at = @now where id = @demandId and {BiddingGuard.Open}
        """);
}
