using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Application.Enterprises;

namespace Registry.Api.Endpoints;

public static class EnterpriseEndpoints
{
    public sealed record ProfileBody(string LegalName, string CreditCode, string RegionCode, string Address, DateOnly FoundedOn,
        EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities, IReadOnlyList<string> Domains,
        IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security, IReadOnlyList<string> Tools);

    public sealed record GrantBody(string Designation, DateOnly GrantedOn, string Reason);

    public sealed record WithdrawBody(DateOnly WithdrawnOn, string Reason);

    public sealed record ReasonBody(string Reason);

    public static RouteGroupBuilder MapEnterprises(this RouteGroupBuilder api)
    {
        var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises");
        var open = enterprises.MapGroup("").AllowAnonymous();
        var secured = enterprises.MapGroup("").RequireAuthorization();

        open.MapGet("/", (string? q, string? region, Guid? baseId, string? modality, string? taskType, string? domain, int? minGrade,
                    string? certificateStatus, string? designation, string? clearance, string? sort, int? page, int? pageSize,
                    IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchEnterprises(q, region, baseId, modality, taskType, domain, minGrade, certificateStatus, designation,
                    clearance, sort, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("SearchEnterprises")
            .WithSummary("The directory of labeling enterprises: search, filters, sort (name, grade, capacity, quality), paging")
            .Produces<Page<EnterpriseSummary>>().ProducesValidationProblem();

        open.MapGet("/talent", (string? region, Guid? baseId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetTalentSummary(region, baseId), ct))
            .WithName("GetTalentSummary")
            .WithSummary("Annotators per skill level of the AI trainer occupation, for a region or a base")
            .Produces<TalentSummary>().ProducesValidationProblem();

        open.MapGet("/{id:guid}/quality", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetQualityRecord(id), ct))
            .WithName("GetQualityRecord").WithSummary("An enterprise's quality record from accepted deliveries: overall and per domain")
            .Produces<QualityRecord>().ProducesProblem(404);

        open.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var detail = await mediator.Send(new GetEnterprise(id), ct);
                return Http.WithETag(http, detail, detail.Version);
            })
            .WithName("GetEnterprise")
            .WithSummary("One enterprise: public profile, current certificate, designations, quality record (contacts and applications for those entitled)")
            .Produces<EnterpriseDetail>().ProducesProblem(404);

        secured.MapPost("/", async (ProfileBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var detail = await mediator.Send(new RegisterEnterprise(b.LegalName, b.CreditCode, b.RegionCode, b.Address, b.FoundedOn, b.Contact,
                    b.BaseId, b.Capabilities, b.Domains, b.Talent, b.TotalStaff, b.Security, b.Tools), ct);
                return Http.WithETag(http, detail, detail.Version, 201, $"/api/v1/enterprises/{detail.Id}");
            })
            .WithName("RegisterEnterprise").WithSummary("Register the caller's enterprise profile (enterprise)")
            .Produces<EnterpriseDetail>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);

        secured.MapPut("/{id:guid}", async (Guid id, ProfileBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var detail = await mediator.Send(new UpdateEnterpriseProfile(id, Http.IfMatch(http.Request), b.LegalName, b.CreditCode, b.RegionCode,
                    b.Address, b.FoundedOn, b.Contact, b.BaseId, b.Capabilities, b.Domains, b.Talent, b.TotalStaff, b.Security, b.Tools), ct);
                return Http.WithETag(http, detail, detail.Version);
            })
            .WithName("UpdateEnterpriseProfile").WithSummary("Update the caller's enterprise profile (enterprise). Requires If-Match.")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        secured.MapPost("/{id:guid}/designations", (Guid id, GrantBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GrantDesignation(id, b.Designation, b.GrantedOn, b.Reason), ct))
            .WithName("GrantDesignation").WithSummary("Grant a designation: leading, gazelle, unicorn or sti (regulator of the jurisdiction)")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/designations/{designation}/withdraw", (Guid id, string designation, WithdrawBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new WithdrawDesignation(id, designation, b.WithdrawnOn, b.Reason), ct))
            .WithName("WithdrawDesignation").WithSummary("Withdraw a designation (regulator of the jurisdiction)")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var certification = api.MapGroup("/certification/applications").WithTags("Certification").RequireAuthorization();
        certification.MapGet("/", (string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListApplications(status, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListApplications").WithSummary("Certification applications: a reviewer's jurisdiction, or the caller enterprise's own")
            .Produces<Page<ApplicationView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        certification.MapPost("/", async (ApplyForCertification body, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Results.Created($"/api/v1/certification/applications/{view.Id}", view);
            })
            .WithName("ApplyForCertification").WithSummary("Apply for a certificate grade 1–5 with evidence documents (enterprise)")
            .Produces<ApplicationView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        certification.MapPost("/{id:guid}/review", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new TakeApplicationUnderReview(id), ct))
            .WithName("TakeApplicationUnderReview").WithSummary("Take an application under review (certifier or regulator of the jurisdiction)")
            .Produces<ApplicationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        certification.MapPost("/{id:guid}/approve", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ApproveApplication(id), ct))
            .WithName("ApproveApplication").WithSummary("Approve an application under review: issues the certificate (the reviewer)")
            .Produces<ApplicationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        certification.MapPost("/{id:guid}/reject", (Guid id, ReasonBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RejectApplication(id, b.Reason), ct))
            .WithName("RejectApplication").WithSummary("Reject an application under review with a reason (the reviewer)")
            .Produces<ApplicationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var certificates = api.MapGroup("/certificates").WithTags("Certification").RequireAuthorization();
        foreach (var (path, action) in new[] { ("suspend", CertificateAction.Suspend), ("reinstate", CertificateAction.Reinstate), ("revoke", CertificateAction.Revoke) })
        {
            certificates.MapPost("/{id:guid}/" + path, (Guid id, ReasonBody b, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ChangeCertificateStatus(id, action, b.Reason), ct))
                .WithName(action + "Certificate").WithSummary($"{action} a certificate with a reason (regulator or certifier of its supervising region: the enterprise's region when it was issued)")
                .Produces<CertificateView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        }

        api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization()
            .MapGet("/", (string? type, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAlerts(type, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListAlerts").WithSummary("Risk alerts of the caller's jurisdiction (regulator, admin)")
            .Produces<Page<AlertView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        api.MapGroup("/admin/jobs").WithTags("Administration").RequireAuthorization()
            .MapPost("/certificate-expiry", (IMediator mediator, CancellationToken ct) => mediator.Send(new RunCertificateExpiry(), ct))
            .WithName("RunCertificateExpiry").WithSummary("Run the daily certificate expiry and early-warning job now (admin)")
            .Produces<CertificateExpiryResult>().ProducesProblem(401).ProducesProblem(403);
        return api;
    }
}
