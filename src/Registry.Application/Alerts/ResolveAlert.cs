using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>A regulator of the alert's region closes it as handled, with a note of what was done (an inspection, a referral, ...).</summary>
[AllowedFor(Roles.Regulator)]
public sealed record ResolveAlert(Guid AlertId, long ExpectedVersion, string Note) : ICommand<AlertView>;

public sealed class ResolveAlertValidator : AbstractValidator<ResolveAlert>
{
    public ResolveAlertValidator()
    {
        RuleFor(x => x.Note).NotEmpty().MultilineText(AlertLifecycle.NoteLength);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class ResolveAlertHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<ResolveAlert, AlertView>
{
    public Task<AlertView> Handle(ResolveAlert c, CancellationToken ct) =>
        AlertWrites.StepAsync(db, outbox, caller, c.AlertId, c.ExpectedVersion, a => AlertLifecycle.Resolve(a, c.Note), c.Note, clock.GetUtcNow(), ct);
}
