using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>The enterprise applies for a certificate grade, with the evidence documents' names, SHA-256 hashes and sizes.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record ApplyForCertification(int Grade, IReadOnlyList<EvidenceDocument> Evidence) : ICommand<ApplicationView>;

public sealed class ApplyForCertificationValidator : AbstractValidator<ApplyForCertification>
{
    public ApplyForCertificationValidator()
    {
        RuleFor(x => x.Grade).InclusiveBetween(GradingRule.MinGrade, GradingRule.MaxGrade);
        RuleFor(x => x.Evidence).NotEmpty().WithMessage("Attach at least one evidence document (name, SHA-256, size).")
            .MaxCount(50);
        RuleForEach(x => x.Evidence).ChildRules(d =>
        {
            d.RuleFor(x => x.Name).NotEmpty().PlainText(200);
            d.RuleFor(x => x.Sha256).Matches(@"^[0-9a-fA-F]{64}\z").WithMessage("'sha256' is the document's SHA-256 as 64 hexadecimal digits.");
            d.RuleFor(x => x.Size).InclusiveBetween(1, 10L * 1024 * 1024 * 1024);
        });
    }
}

internal sealed class ApplyForCertificationHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<ApplyForCertification, ApplicationView>
{
    public async Task<ApplicationView> Handle(ApplyForCertification c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var profile = await EnterpriseProjection.FindAsync(db, enterpriseId, restricted: false, ct)
            ?? throw new RuleViolation("enterprise_not_registered", "Register the enterprise's profile before applying for certification.");
        if (profile.Applications!.FirstOrDefault(a => ApplicationStatus.IsOpen(a.Status)) is { } open)
            throw new Conflict("application_open", $"Application {open.Id} is {open.Status}; wait for its decision before applying again.");
        var facts = new EnterpriseFacts(profile.TotalStaff, profile.Talent, profile.Security.MlpsLevel, profile.Security.Iso27001, profile.Security.SecureFacility);
        var shortfalls = GradingRule.Shortfalls(facts, c.Grade);
        if (shortfalls.Count > 0)
            throw new RuleViolation("grade_requirements_not_met", $"The declared profile does not meet grade {c.Grade}: {string.Join("; ", shortfalls)}.");

        var id = Guid.CreateVersion7();
        var evidence = c.Evidence.Select(e => e with { Sha256 = e.Sha256.ToLowerInvariant() }).ToList();
        await db.ExecuteAsync(InsertSql, new
        {
            id, enterpriseId, c.Grade, status = ApplicationStatus.Submitted, evidence = JsonSerializer.Serialize(evidence, Ledger.Json),
            now = clock.GetUtcNow(),
        }, ct);
        outbox.Publish(new OutboxEvent("certification.applied", "certification_application", id.ToString(), new { id, enterpriseId, c.Grade }));
        return (await CertificationReads.ApplicationAsync(db, id, ct))!;
    }

    private static readonly Sql InsertSql = new("""
        insert into certification_applications (id, enterprise_id, grade, status, evidence, submitted_at, row_version)
        values (@id, @enterpriseId, @grade, @status, @evidence, @now, 1)
        """);
}

/// <summary>A certifier or regulator whose jurisdiction covers the enterprise takes its application under review.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record TakeApplicationUnderReview(Guid ApplicationId) : ICommand<ApplicationView>;

/// <summary>The reviewing organization approves: a certificate of the applied grade is issued, superseding any earlier one.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record ApproveApplication(Guid ApplicationId) : ICommand<ApplicationView>;

/// <summary>The reviewing organization rejects the application with a reason.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator)]
public sealed record RejectApplication(Guid ApplicationId, string Reason) : ICommand<ApplicationView>;

public sealed class RejectApplicationValidator : AbstractValidator<RejectApplication>
{
    public RejectApplicationValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

internal sealed class ReviewHandlers(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) :
    IRequestHandler<TakeApplicationUnderReview, ApplicationView>,
    IRequestHandler<ApproveApplication, ApplicationView>,
    IRequestHandler<RejectApplication, ApplicationView>
{
    public async Task<ApplicationView> Handle(TakeApplicationUnderReview c, CancellationToken ct)
    {
        var (application, _) = await LoadAsync(c.ApplicationId, ct);
        var status = CertificationWorkflow.TakeUnderReview(application.Status);
        await db.ExecuteAsync(ReviewSql, new { id = c.ApplicationId, status, reviewer = caller.OrganizationId }, ct);
        return await DoneAsync(c.ApplicationId, "certification.under_review", ct);
    }

    public async Task<ApplicationView> Handle(ApproveApplication c, CancellationToken ct)
    {
        var (application, region) = await LoadAsync(c.ApplicationId, ct);
        EnsureReviewer(application);
        var status = CertificationWorkflow.Approve(application.Status);
        foreach (var current in await db.QueryAsync<CurrentCertificate>(CurrentSql, new { application.EnterpriseId }, ct))
            await db.ExecuteAsync(CertificateWrites.SetStatusSql, new
            {
                current.Id, status = CertificationWorkflow.Supersede(current.Status), reason = $"Superseded by application {c.ApplicationId}",
                now = clock.GetUtcNow(),
            }, ct);
        var today = ChinaDate.Today(clock);
        var sequence = await db.ScalarAsync<long>(CountSql, null, ct) + 1;
        var certificateId = Guid.CreateVersion7();
        await db.ExecuteAsync(IssueSql, new
        {
            id = certificateId, number = CertificateTerms.Number(today.Year, region, application.Grade, sequence),
            application.EnterpriseId, application.Grade, status = CertificateStatus.Active, issuedOn = today,
            expiresOn = CertificateTerms.ExpiresOn(today), issuer = caller.OrganizationId ?? Guid.Empty, supervisingRegion = region,
            now = clock.GetUtcNow(),
        }, ct);
        await db.ExecuteAsync(DecideSql, new { id = c.ApplicationId, status, reason = (string?)null, certificateId, now = clock.GetUtcNow() }, ct);
        await EnterpriseProjection.RefreshAsync(db, application.EnterpriseId, ct);
        outbox.Publish(new OutboxEvent("certificate.issued", "certificate", certificateId.ToString(), new { certificateId, application.EnterpriseId, application.Grade }));
        return await DoneAsync(c.ApplicationId, "certification.approved", ct);
    }

    public async Task<ApplicationView> Handle(RejectApplication c, CancellationToken ct)
    {
        var (application, _) = await LoadAsync(c.ApplicationId, ct);
        EnsureReviewer(application);
        var status = CertificationWorkflow.Reject(application.Status);
        await db.ExecuteAsync(DecideSql, new { id = c.ApplicationId, status, reason = c.Reason, certificateId = (Guid?)null, now = clock.GetUtcNow() }, ct);
        return await DoneAsync(c.ApplicationId, "certification.rejected", ct);
    }

    private async Task<(ApplicationView Application, string Region)> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await CertificationReads.ApplicationAsync(db, id, ct);
        var region = application is null ? null : await db.QuerySingleOrDefaultAsync<string>(RegionSql, new { application.EnterpriseId }, ct);
        if (application is null || region is null || !caller.Covers(region)) throw new NotFound("certification application", id);
        return (application, region);
    }

    private void EnsureReviewer(ApplicationView application)
    {
        if (application.ReviewerOrganizationId is { } reviewer && reviewer != caller.OrganizationId && !caller.IsSystem)
            throw new Forbidden("Another organization is reviewing this application; only the reviewer decides it.");
    }

    private async Task<ApplicationView> DoneAsync(Guid id, string eventType, CancellationToken ct)
    {
        var view = (await CertificationReads.ApplicationAsync(db, id, ct))!;
        outbox.Publish(new OutboxEvent(eventType, "certification_application", id.ToString(), new { view.Id, view.EnterpriseId, view.Status }));
        return view;
    }

    private sealed class CurrentCertificate
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
    }

    private static readonly Sql RegionSql = new("select region_code from enterprise_profiles where organization_id = @enterpriseId");
    private static readonly Sql ReviewSql = new("""
        update certification_applications set status = @status, reviewer_organization_id = @reviewer, row_version = row_version + 1 where id = @id
        """);
    private static readonly Sql DecideSql = new("""
        update certification_applications set status = @status, decision_reason = @reason, certificate_id = @certificateId, decided_at = @now,
            row_version = row_version + 1
        where id = @id
        """);
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

public enum CertificateAction
{
    Suspend,
    Reinstate,
    Revoke,
}

/// <summary>
/// A regulator or certifier of the certificate's supervising jurisdiction (the enterprise's region when it was issued, kept
/// until it is reissued) suspends, reinstates or revokes it, with a reason.
/// </summary>
[AllowedFor(Roles.Regulator, Roles.Certifier)]
public sealed record ChangeCertificateStatus(Guid CertificateId, CertificateAction Action, string Reason) : ICommand<CertificateView>;

public sealed class ChangeCertificateStatusValidator : AbstractValidator<ChangeCertificateStatus>
{
    public ChangeCertificateStatusValidator()
    {
        RuleFor(x => x.Action).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
    }
}

internal sealed class ChangeCertificateStatusHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<ChangeCertificateStatus, CertificateView>
{
    public async Task<CertificateView> Handle(ChangeCertificateStatus c, CancellationToken ct)
    {
        var certificate = await db.QuerySingleOrDefaultAsync<CertificateRow>(FindSql, new { id = c.CertificateId }, ct);
        if (certificate is null || !caller.Covers(certificate.RegionCode)) throw new NotFound("certificate", c.CertificateId);
        var status = c.Action switch
        {
            CertificateAction.Suspend => CertificationWorkflow.Suspend(certificate.Status),
            CertificateAction.Reinstate => CertificationWorkflow.Reinstate(certificate.Status),
            _ => CertificationWorkflow.Revoke(certificate.Status),
        };
        await db.ExecuteAsync(CertificateWrites.SetStatusSql, new { id = c.CertificateId, status, reason = c.Reason, now = clock.GetUtcNow() }, ct);
        await EnterpriseProjection.RefreshAsync(db, certificate.EnterpriseId, ct);
        outbox.Publish(new OutboxEvent("certificate." + status, "certificate", c.CertificateId.ToString(),
            new { c.CertificateId, certificate.EnterpriseId, status, c.Reason }));
        return (await db.QuerySingleOrDefaultAsync<CertificateView>(CertificateWrites.ViewSql, new { id = c.CertificateId }, ct))!;
    }

    private sealed class CertificateRow
    {
        public Guid EnterpriseId { get; init; }
        public string Status { get; init; } = "";
        public string RegionCode { get; init; } = "";
    }

    private static readonly Sql FindSql = new("""
        select enterprise_id, status, supervising_region_code as region_code from certificates where id = @id
        """);
}

internal static class CertificateWrites
{
    public static readonly Sql SetStatusSql = new("""
        update certificates set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now where id = @id
        """);

    public static readonly Sql ViewSql = new("""
        select id, number, grade, status, issued_on, expires_on, status_reason, supervising_region_code, row_version as version
        from certificates where id = @id
        """);
}

internal static class CertificationReads
{
    private static readonly Sql ApplicationSql = new($"select {EnterpriseProjection.ApplicationColumns} from certification_applications where id = @id");

    public static async Task<ApplicationView?> ApplicationAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<EnterpriseProjection.ApplicationRow>(ApplicationSql, new { id }, ct))?.ToView();
}

/// <summary>Certification applications a reviewer may act on (its jurisdiction), or an enterprise's own.</summary>
[AllowedFor(Roles.Certifier, Roles.Regulator, Roles.Admin, Roles.Enterprise)]
public sealed record ListApplications(string? Status, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<ApplicationView>>, IPaged;

public sealed class ListApplicationsValidator : AbstractValidator<ListApplications>
{
    public ListApplicationsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => ApplicationStatus.All.Contains(s!)).When(x => x.Status is not null)
            .WithMessage($"'status' is one of: {string.Join(", ", ApplicationStatus.All)}.");
    }
}

internal sealed class ListApplicationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListApplications, Page<ApplicationView>>
{
    public async Task<Page<ApplicationView>> Handle(ListApplications q, CancellationToken ct)
    {
        var own = caller.Role == Roles.Enterprise ? caller.OrganizationId : null;
        var jurisdiction = caller.Role is Roles.Admin ? Domain.Regions.RegionCode.National : caller.RegionCode ?? "-";
        var filter = new { q.Status, own, jurisdiction, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var total = await db.ScalarAsync<int>(CountSql, filter, ct);
        var rows = await db.QueryAsync<EnterpriseProjection.ApplicationRow>(PageSql, filter, ct);
        return new Page<ApplicationView>(rows.Select(r => r.ToView()).ToList(), total, q.Page, q.PageSize);
    }

    private const string Where = """
        where (@status is null or a.status = @status)
          and (@own is null or a.enterprise_id = @own)
          and (@own is not null or @jurisdiction = '000000' or d.region_code = @jurisdiction or d.province_code = @jurisdiction)
        """;

    private static readonly Sql CountSql = new($"""
        select count(*) from certification_applications a join enterprise_directory d on d.enterprise_id = a.enterprise_id {Where}
        """);

    private static readonly Sql PageSql = new(d => $"""
        select a.id, a.enterprise_id, a.grade, a.status, a.evidence, a.submitted_at, a.reviewer_organization_id, a.decided_at,
            a.decision_reason, a.certificate_id
        from certification_applications a join enterprise_directory d on d.enterprise_id = a.enterprise_id
        {Where}
        order by a.submitted_at, a.id {d.Page}
        """);
}
