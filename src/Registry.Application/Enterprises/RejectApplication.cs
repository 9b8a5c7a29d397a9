using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>The reviewing organization rejects the application with a reason.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record RejectApplication(Guid ApplicationId, string Reason) : ICommand<ApplicationView>;

public sealed class RejectApplicationValidator : AbstractValidator<RejectApplication>
{
    public RejectApplicationValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

internal sealed class RejectApplicationHandler(IWriteDb db, CertificationWrites review, TimeProvider clock) : IRequestHandler<RejectApplication, ApplicationView>
{
    public async Task<ApplicationView> Handle(RejectApplication c, CancellationToken ct)
    {
        var (application, _) = await review.LoadAsync(c.ApplicationId, ct);
        review.EnsureReviewer(application);
        var (status, rejected) = CertificationWorkflow.Reject(application, c.Reason);
        if (await db.ExecuteAsync(CertificationWrites.DecideSql, new { id = c.ApplicationId, status, rejected.Reason, certificateId = (Guid?)null, now = clock.GetUtcNow(), from = application.Status }, ct) == 0)
            throw new InvalidTransitionException("certification application", "no longer " + application.Status, "rejected");
        return await review.DoneAsync(c.ApplicationId, rejected, ct);
    }
}
