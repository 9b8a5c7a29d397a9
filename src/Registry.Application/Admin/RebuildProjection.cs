using FluentValidation;
using MediatR;
using Registry.Application.Common.Projections;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Audit;

namespace Registry.Application.Admin;

/// <summary>
/// The operator rebuilds a projection from sequence zero: its tables are emptied and its cursor reset in one transaction, then
/// the projector replays the whole outbox into it (its lag shows the progress). A stop is cleared with the rest.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record RebuildProjection(string Name) : ICommand<ProjectionView>;

public sealed class RebuildProjectionValidator : AbstractValidator<RebuildProjection>
{
    public RebuildProjectionValidator() => RuleFor(x => x.Name).NotEmpty().PlainText(100);
}

internal sealed class RebuildProjectionHandler(IWriteDb db, IEnumerable<IProjection> projections, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<RebuildProjection, ProjectionView>
{
    public async Task<ProjectionView> Handle(RebuildProjection c, CancellationToken ct)
    {
        var projection = projections.SingleOrDefault(p => p.Name == c.Name) ?? throw new NotFound("projection", c.Name);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(ProjectionCursors.EnsureSql, new { name = c.Name, now }, ct);
        await db.ExecuteAsync(ProjectionCursors.ResetSql, new { name = c.Name, now }, ct);
        await projection.ResetAsync(ct);
        outbox.Publish(new ProjectionRebuildStarted(c.Name));
        var after = (await db.QueryAsync<ProjectionState>(ProjectionCursors.StatesSql, null, ct)).Single(s => s.Name == c.Name);
        return ProjectionView.Of(c.Name, after, after.Head);
    }
}
