using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Application.Enterprises;

/// <summary>
/// What the steps of an application's review and the changes of a certificate share: loading within the caller's jurisdiction,
/// the reviewer rule, the step's event and the certificate statements.
/// </summary>
internal sealed class CertificationWrites(IWriteDb db, IOutbox outbox, ICaller caller)
{
    /// <summary>The application and its enterprise's region, if the caller reviews that region; for anyone else it does not exist.</summary>
    public async Task<(ApplicationSnapshot Application, string Region)> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await CertificationReads.SnapshotAsync(db, id, ct) ?? throw new NotFound("certification application", id);
        var region = (await EnterpriseReads.RegionAsync(db, application.EnterpriseId, ct))!;
        caller.Require(VisibleItem.Application(application.EnterpriseId, region), Act.AsSupervisor, "certification application", id,
            "Only the certifiers and regulators of the enterprise's region review its application.");
        return (application, region);
    }

    public void EnsureReviewer(ApplicationSnapshot application)
    {
        if (application.ReviewerOrganizationId is { } reviewer && reviewer != caller.OrganizationId && !caller.IsSystem)
            throw new Forbidden("Another organization is reviewing this application; only the reviewer decides it.");
    }

    /// <summary>The application as the step left it, with the step's event.</summary>
    public async Task<ApplicationView> DoneAsync(Guid id, IDomainEvent step, CancellationToken ct)
    {
        outbox.Publish(step);
        return (await CertificationReads.ApplicationAsync(db, id, ct))!;
    }

    public static readonly Sql DecideSql = new("""
        update certification_applications set status = @status, decision_reason = @reason, certificate_id = @certificateId, decided_at = @now,
            row_version = row_version + 1
        where id = @id and status = @from
        """);

    public static readonly Sql SetStatusSql = new("""
        update certificates set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now where id = @id and status = @from
        """);

    public static readonly Sql ViewSql = new("""
        select id, number, grade, status, issued_on, expires_on, status_reason, supervising_region_code, row_version as version
        from certificates where id = @id
        """);
}
