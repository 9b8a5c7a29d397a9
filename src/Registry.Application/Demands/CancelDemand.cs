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
        var status = DemandLifecycle.Cancel(demand.Status);
        if (await db.ExecuteAsync(StatusSql, new { c.Id, status, reason = c.Reason, now = clock.GetUtcNow(), version = demand.RowVersion }, ct) == 0)
            throw new PreconditionFailed("The demand changed while it was being cancelled. Read it again.");
        outbox.Publish(new DemandCancelled(c.Id, c.Reason));
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    private static readonly Sql StatusSql = new("""
        update demands set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now where id = @id and row_version = @version
        """);
}
