using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Time;

namespace Registry.Application.Enterprises;

/// <summary>The reviewing organization approves: a certificate of the applied grade is issued, superseding any earlier one.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record ApproveApplication(Guid ApplicationId) : ICommand<ApplicationView>;

internal sealed class ApproveApplicationHandler(IWriteDb db, CertificationWrites review, EnterpriseProjection projection, IOutbox outbox, ICaller caller,
    TimeProvider clock) : IRequestHandler<ApproveApplication, ApplicationView>
{
    public async Task<ApplicationView> Handle(ApproveApplication c, CancellationToken ct)
    {
        var (application, region) = await review.LoadAsync(c.ApplicationId, ct);
        review.EnsureReviewer(application);
        var (status, approved) = CertificationWorkflow.Approve(application, Guid.CreateVersion7());
        foreach (var current in await db.QueryAsync<CurrentCertificate>(CurrentSql, new { application.EnterpriseId }, ct))
        {
            var (supersededStatus, superseded) = CertificationWorkflow.Supersede(
                new CertificateSnapshot(current.Id, application.EnterpriseId, current.Status), approved.CertificateId);
            await db.ExecuteAsync(CertificationWrites.SetStatusSql, new
            {
                current.Id, status = supersededStatus, from = current.Status, reason = $"Superseded by application {c.ApplicationId}",
                now = clock.GetUtcNow(),
            }, ct);
            outbox.Publish(superseded);
        }
        var today = ChinaTime.Today(clock);
        var (certificateStatus, issued) = CertificationWorkflow.Issue(application, approved, today);
        var sequence = await db.ScalarAsync<long>(CountSql, null, ct) + 1;
        await db.ExecuteAsync(IssueSql, new
        {
            id = issued.CertificateId, number = CertificateTerms.Number(today.Year, region, issued.Grade, sequence),
            issued.EnterpriseId, issued.Grade, status = certificateStatus, issuedOn = today,
            issued.ExpiresOn, issuer = caller.OrganizationId ?? Guid.Empty, supervisingRegion = region,
            now = clock.GetUtcNow(),
        }, ct);
        // Two approvals of one application race here: the second finds it decided and rolls back, certificate and all.
        if (await db.ExecuteAsync(CertificationWrites.DecideSql,
                new { id = c.ApplicationId, status, reason = (string?)null, approved.CertificateId, now = clock.GetUtcNow(), from = application.Status }, ct) == 0)
            throw new InvalidTransitionException("certification application", "no longer " + application.Status, "approved");
        await projection.RefreshAsync(application.EnterpriseId, ct);
        outbox.Publish(issued);
        return await review.DoneAsync(c.ApplicationId, approved, ct);
    }

    private sealed class CurrentCertificate
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
    }

    private static readonly Sql CurrentSql = new("""
        select id, status from certificates where enterprise_id = @enterpriseId and status in ('active', 'suspended')
        """);
    private static readonly Sql CountSql = new("select count(*) from certificates");
    private static readonly Sql IssueSql = new("""
        insert into certificates (id, number, enterprise_id, grade, status, issued_on, expires_on, status_reason, issued_by_organization_id,
            supervising_region_code, row_version, updated_at)
        values (@id, @number, @enterpriseId, @grade, @status, @issuedOn, @expiresOn, null, @issuer, @supervisingRegion, 1, @now)
        """);
}
