using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The agency cancels its demand (from draft, open or evaluating) with a reason.</summary>
[AllowedFor(Roles.Agency)]
public sealed record CancelDemand(Guid Id, long ExpectedVersion, string Reason) : ICommand<DemandView>;

public sealed class CancelDemandValidator : AbstractValidator<CancelDemand>
{
    public CancelDemandValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class CancelDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<CancelDemand, DemandView>
{
    public async Task<DemandView> Handle(CancelDemand c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.Id, c.ExpectedVersion, ct);
        var cancelled = DemandLifecycle.Cancel(c.Id, demand.Status, c.Reason);
        var now = clock.GetUtcNow();
        if (await db.ExecuteAsync(StatusSql, new { c.Id, cancelled.Status, reason = c.Reason, now, version = demand.RowVersion }, ct) == 0)
            throw new PreconditionFailed("The demand changed while it was being cancelled. Read it again.");
        outbox.Publish(cancelled.Event);
        // The row version guard holds the demand's row: no bid is submitted or withdrawn between this read and the commit.
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.StandingSql, new { demandId = c.Id }, ct))
            await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Void(bid.State), now, ct);
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    private static readonly Sql StatusSql = new("""
        update demands set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now where id = @id and row_version = @version
        """);
}
