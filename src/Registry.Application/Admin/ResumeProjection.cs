using FluentValidation;
using MediatR;
using Registry.Application.Common.Projections;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Audit;

namespace Registry.Application.Admin;

/// <summary>
/// The operator resumes a projection that an event stopped, once the cause is fixed (a corrected projection deployed, or the
/// data it needed repaired): it retries that event first. Resuming a running projection changes nothing.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record ResumeProjection(string Name) : ICommand<ProjectionView>;

public sealed class ResumeProjectionValidator : AbstractValidator<ResumeProjection>
{
    public ResumeProjectionValidator() => RuleFor(x => x.Name).NotEmpty().PlainText(100);
}

internal sealed class ResumeProjectionHandler(IWriteDb db, Projector projector, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<ResumeProjection, ProjectionView>
{
    public async Task<ProjectionView> Handle(ResumeProjection c, CancellationToken ct)
    {
        if (!projector.Names.Contains(c.Name)) throw new NotFound("projection", c.Name);
        var before = (await db.QueryAsync<ProjectionState>(ProjectionCursors.StatesSql, null, ct)).SingleOrDefault(s => s.Name == c.Name);
        if (before is not { Stopped: true }) return ProjectionView.Of(c.Name, before, before?.Head ?? 0);
        await db.ExecuteAsync(ProjectionCursors.ResumeSql, new { name = c.Name, now = clock.GetUtcNow() }, ct);
        outbox.Publish(new ProjectionResumed(c.Name, before.StoppedSeq, before.StoppedType));
        var after = (await db.QueryAsync<ProjectionState>(ProjectionCursors.StatesSql, null, ct)).Single(s => s.Name == c.Name);
        return ProjectionView.Of(c.Name, after, after.Head);
    }
}
