using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Exclusions;
using Registry.Domain.Time;

namespace Registry.Application.Exclusions;

/// <summary>
/// A regulator whose jurisdiction covers the enterprise's region lifts an exclusion before its end (or before it begins), with
/// a reason, at the version it read; the enterprise may bid again at once.
/// </summary>
[AllowedFor(Roles.Regulator)]
public sealed record LiftExclusion(Guid ExclusionId, long ExpectedVersion, string Reason) : ICommand<ExclusionView>;

public sealed class LiftExclusionValidator : AbstractValidator<LiftExclusion>
{
    public LiftExclusionValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MultilineText(ExclusionLifecycle.ReasonLength);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class LiftExclusionHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<LiftExclusion, ExclusionView>
{
    public async Task<ExclusionView> Handle(LiftExclusion c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var exclusion = await db.QuerySingleOrDefaultAsync<ExclusionReads.ExclusionRow>(ByIdSql, new { id = c.ExclusionId }, ct)
            ?? throw new NotFound("exclusion", c.ExclusionId);
        caller.Require(VisibleItem.Enterprise(exclusion.EnterpriseId, exclusion.RegionCode), Act.AsSupervisor, "exclusion", c.ExclusionId,
            "Only the regulators whose jurisdiction covers the enterprise's region lift its exclusions.");
        PreconditionFailed.ThrowIfStale("exclusion", exclusion.RowVersion, c.ExpectedVersion);
        var lifted = ExclusionLifecycle.Lift(exclusion.State, c.Reason, today);
        if (await db.ExecuteAsync(LiftSql, new
            {
                id = c.ExclusionId, now, today, liftedBy = caller.RequireOrganization(), reason = lifted.Event.Reason, version = exclusion.RowVersion,
            }, ct) == 0)
            throw new PreconditionFailed("The exclusion changed while this request was being handled. Read it again.");
        outbox.Publish(lifted.Event);
        return await ExclusionReads.ByIdAsync(db, c.ExclusionId, today, ct);
    }

    private static readonly Sql ByIdSql = new($"{ExclusionReads.Select} where x.id = @id");

    private static readonly Sql LiftSql = new("""
        update exclusions set lifted_at = @now, lifted_on = @today, lifted_by = @liftedBy, lift_reason = @reason, row_version = row_version + 1
        where id = @id and row_version = @version and lifted_at is null
        """);
}
