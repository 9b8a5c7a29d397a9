using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>A certifier or regulator whose jurisdiction covers the enterprise takes its application under review.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record TakeApplicationUnderReview(Guid ApplicationId) : ICommand<ApplicationView>;

internal sealed class TakeApplicationUnderReviewHandler(IWriteDb db, CertificationWrites review, ICaller caller)
    : IRequestHandler<TakeApplicationUnderReview, ApplicationView>
{
    public async Task<ApplicationView> Handle(TakeApplicationUnderReview c, CancellationToken ct)
    {
        var (application, _) = await review.LoadAsync(c.ApplicationId, ct);
        var (status, taken) = CertificationWorkflow.TakeUnderReview(application, caller.RequireOrganization());
        // The status guard decides a race between two reviewers now that commands no longer queue on the ledger.
        if (await db.ExecuteAsync(ReviewSql, new { id = c.ApplicationId, status, reviewer = taken.ReviewerOrganizationId, from = application.Status }, ct) == 0)
            throw new InvalidTransitionException("certification application", "no longer " + application.Status, "taken under review");
        return await review.DoneAsync(c.ApplicationId, taken, ct);
    }

    private static readonly Sql ReviewSql = new("""
        update certification_applications set status = @status, reviewer_organization_id = @reviewer, row_version = row_version + 1 where id = @id and status = @from
        """);
}
