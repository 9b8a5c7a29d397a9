using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>The agency declares its evaluated demand unsuccessful (no acceptable bid), with a reason; the bidders are notified.</summary>
[AllowedFor(Roles.Agency)]
public sealed record DeclareDemandUnsuccessful(Guid DemandId, long ExpectedVersion, string Reason) : ICommand<DemandView>;

public sealed class DeclareDemandUnsuccessfulValidator : AbstractValidator<DeclareDemandUnsuccessful>
{
    public DeclareDemandUnsuccessfulValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class DeclareDemandUnsuccessfulHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<DeclareDemandUnsuccessful, DemandView>
{
    public async Task<DemandView> Handle(DeclareDemandUnsuccessful c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.DemandId, c.ExpectedVersion, ct);
        var declared = DemandLifecycle.DeclareUnsuccessful(c.DemandId, demand.Status, c.Reason);
        var now = clock.GetUtcNow();
        if (await db.ExecuteAsync(StatusSql, new { c.DemandId, declared.Status, reason = c.Reason.Trim(), now }, ct) == 0)
            throw new InvalidTransitionException("demand", "no longer evaluating", "declared unsuccessful");
        outbox.Publish(declared.Event);
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.OpenedSql, new { c.DemandId }, ct))
            await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Lose(bid.State, null), now, ct);
        return await DemandReads.ViewAsync(db, c.DemandId, ct);
    }

    private static readonly Sql StatusSql = new("""
        update demands set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now
        where id = @demandId and status = 'evaluating'
        """);
}
