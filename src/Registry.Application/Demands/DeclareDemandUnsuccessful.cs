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
        var status = DemandLifecycle.DeclareUnsuccessful(demand.Status);
        if (await db.ExecuteAsync(StatusSql, new { c.DemandId, status, reason = c.Reason.Trim(), now = clock.GetUtcNow() }, ct) == 0)
            throw new InvalidTransitionException("demand", "no longer evaluating", "declared unsuccessful");
        outbox.Publish(new DemandDeclaredUnsuccessful(c.DemandId, c.Reason));
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { c.DemandId }, ct))
            outbox.Publish(new BidLost(bid.Id, c.DemandId, bid.EnterpriseId, null));
        return await DemandReads.ViewAsync(db, c.DemandId, ct);
    }

    private static readonly Sql StatusSql = new("""
        update demands set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now
        where id = @demandId and status = 'evaluating'
        """);
}
