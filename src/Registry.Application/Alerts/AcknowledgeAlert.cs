using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>A regulator of the alert's region takes an open alert up, with an optional note; others then see someone is on it.</summary>
[AllowedFor(Roles.Regulator)]
public sealed record AcknowledgeAlert(Guid AlertId, long ExpectedVersion, string? Note) : ICommand<AlertView>;

public sealed class AcknowledgeAlertValidator : AbstractValidator<AcknowledgeAlert>
{
    public AcknowledgeAlertValidator()
    {
        RuleFor(x => x.Note).MultilineText(AlertLifecycle.NoteLength);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class AcknowledgeAlertHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<AcknowledgeAlert, AlertView>
{
    public Task<AlertView> Handle(AcknowledgeAlert c, CancellationToken ct) =>
        AlertWrites.StepAsync(db, outbox, caller, c.AlertId, c.ExpectedVersion, a => AlertLifecycle.Acknowledge(a, c.Note), c.Note, clock.GetUtcNow(), ct);
}
