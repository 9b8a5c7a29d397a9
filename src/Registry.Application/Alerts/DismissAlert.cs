using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>A regulator of the alert's region closes it as needing no action (a false positive), with the reason.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record DismissAlert(Guid AlertId, long ExpectedVersion, string Reason) : ICommand<AlertView>;

public sealed class DismissAlertValidator : AbstractValidator<DismissAlert>
{
    public DismissAlertValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MultilineText(AlertLifecycle.NoteLength);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class DismissAlertHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<DismissAlert, AlertView>
{
    public Task<AlertView> Handle(DismissAlert c, CancellationToken ct) =>
        AlertWrites.StepAsync(db, outbox, caller, c.AlertId, c.ExpectedVersion, a => AlertLifecycle.Dismiss(a, c.Reason), c.Reason, clock.GetUtcNow(), ct);
}
