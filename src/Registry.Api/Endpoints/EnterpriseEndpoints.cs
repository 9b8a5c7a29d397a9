using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

    // Bound by the names the query string has always used, which the OpenAPI document shows too; a list repeats its name.
    public sealed record SearchEnterprisesQuery([FromQuery(Name = "q")] string? Q, [FromQuery(Name = "region")] string? Region,
        [FromQuery(Name = "baseId")] Guid? BaseId, [FromQuery(Name = "modality")] string[]? Modality, [FromQuery(Name = "taskType")] string[]? TaskType,
        [FromQuery(Name = "domain")] string[]? Domain, [FromQuery(Name = "minGrade")] int? MinGrade,
        [FromQuery(Name = "certificateStatus")] string? CertificateStatus, [FromQuery(Name = "designation")] string[]? Designation,
        [FromQuery(Name = "clearance")] string? Clearance, [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize);

    // Bound by the names the query string has always used, which the OpenAPI document shows too.
    public sealed record ListApplicationsQuery([FromQuery(Name = "status")] string? Status, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize);

    public static RouteGroupBuilder MapEnterprises(this RouteGroupBuilder api)
    {
        var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises");
        var open = enterprises.MapGroup("").AllowAnonymous();
        var secured = enterprises.MapGroup("").RequireAuthorization();

        open.MapGet("/", SearchEnterprises)
            .WithName("SearchEnterprises")
            .WithSummary("The directory of labeling enterprises: search, filters, sort (name, grade, capacity, quality), paging")
            .Produces<Page<EnterpriseSummary>>().ProducesValidationProblem();

        open.MapGet("/talent", GetTalentSummary)
            .WithName("GetTalentSummary")
            .WithSummary("Annotators per skill level of the AI trainer occupation, for a region or a base")
            .Produces<TalentSummary>().ProducesValidationProblem();

        open.MapGet("/{id:guid}/quality", GetQualityRecord)
            .WithName("GetQualityRecord").WithSummary("An enterprise's quality record from accepted deliveries: overall and per domain")
            .Produces<QualityRecord>().ProducesProblem(404);

        open.MapGet("/{id:guid}", GetEnterprise)
            .WithName("GetEnterprise")
            .WithSummary("One enterprise: public profile, current certificate, designations, quality record (contacts and applications for those entitled)")
            .Produces<EnterpriseDetail>().ProducesProblem(404);

        secured.MapPost("/", RegisterEnterprise)
            .WithName("RegisterEnterprise").WithSummary("Register the caller's enterprise profile (enterprise)")
            .Produces<EnterpriseDetail>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);

        secured.MapPut("/{id:guid}", UpdateEnterpriseProfile)
            .WithName("UpdateEnterpriseProfile").WithSummary("Update the caller's enterprise profile (enterprise). Requires If-Match.")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        secured.MapPost("/{id:guid}/designations", GrantDesignation)
            .WithName("GrantDesignation").WithSummary("Grant a designation: leading, gazelle, unicorn or sti (regulator of the jurisdiction)")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/designations/{designation}/withdraw", WithdrawDesignation)
            .WithName("WithdrawDesignation").WithSummary("Withdraw a designation (regulator of the jurisdiction)")
            .Produces<EnterpriseDetail>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var certification = api.MapGroup("/certification/applications").WithTags("Certification").RequireAuthorization();
        certification.MapGet("/", ListApplications)
            .WithName("ListApplications").WithSummary("Certification applications: a reviewer's jurisdiction, or the caller enterprise's own")
            .Produces<Page<ApplicationView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        certification.MapPost("/", ApplyForCertification)
            .WithName("ApplyForCertification").WithSummary("Apply for a certificate grade 1–5 with evidence documents (enterprise)")
            .Produces<ApplicationView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        certification.MapPost("/{id:guid}/review", TakeApplicationUnderReview)
            .WithName("TakeApplicationUnderReview").WithSummary("Take an application under review (certifier or regulator of the jurisdiction)")
            .Produces<ApplicationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        certification.MapPost("/{id:guid}/approve", ApproveApplication)
            .WithName("ApproveApplication").WithSummary("Approve an application under review: issues the certificate (the reviewer)")
            .Produces<ApplicationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        certification.MapPost("/{id:guid}/reject", RejectApplication)
            .WithName("RejectApplication").WithSummary("Reject an application under review with a reason (the reviewer)")
            .Produces<ApplicationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGroup("/certificates").WithTags("Certification").AllowAnonymous()
            .MapGet("/{id:guid}", GetCertificate)
            .WithName("GetCertificate").WithSummary("One certificate as the directory shows it; its ETag is the version a status change sends as If-Match")
            .Produces<CertificateView>().ProducesProblem(404);

        var certificates = api.MapGroup("/certificates").WithTags("Certification").RequireAuthorization();
        foreach (var (path, action, handler) in new (string, CertificateAction, Delegate)[]
                 {
                     ("suspend", CertificateAction.Suspend, SuspendCertificate), ("reinstate", CertificateAction.Reinstate, ReinstateCertificate),
                     ("revoke", CertificateAction.Revoke, RevokeCertificate),
                 })
        {
            certificates.MapPost("/{id:guid}/" + path, handler)
                .WithName(action + "Certificate").WithSummary($"{action} a certificate with a reason (regulator or certifier of its supervising region: the enterprise's region when it was issued). Requires If-Match.")
                .Produces<CertificateView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        }
        return api;
    }

    static async Task<Ok<Page<EnterpriseSummary>>> SearchEnterprises([AsParameters] SearchEnterprisesQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.SearchEnterprises(q.Q, q.Region, q.BaseId, q.Modality, q.TaskType, q.Domain,
            q.MinGrade, q.CertificateStatus, q.Designation, q.Clearance, q.Sort, q.Page ?? 1, q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Ok<TalentSummary>> GetTalentSummary(string? region, Guid? baseId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.GetTalentSummary(region, baseId), ct));

    static async Task<Ok<QualityRecord>> GetQualityRecord(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.GetQualityRecord(id), ct));

    static async Task<Ok<EnterpriseDetail>> GetEnterprise(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var detail = await mediator.Send(new Application.Enterprises.GetEnterprise(id), ct);
        return Http.Ok(http, detail, detail.Version);
    }

    static async Task<Created<EnterpriseDetail>> RegisterEnterprise(ProfileBody b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var detail = await mediator.Send(new Application.Enterprises.RegisterEnterprise(b.LegalName, b.CreditCode, b.RegionCode, b.Address, b.FoundedOn,
            b.Contact, b.BaseId, b.Capabilities, b.Domains, b.Talent, b.TotalStaff, b.Security, b.Tools), ct);
        return Http.Created(http, $"/api/v1/enterprises/{detail.Id}", detail, detail.Version);
    }

    static async Task<Ok<EnterpriseDetail>> UpdateEnterpriseProfile(Guid id, ProfileBody b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var detail = await mediator.Send(new Application.Enterprises.UpdateEnterpriseProfile(id, Http.IfMatch(http.Request), b.LegalName, b.CreditCode,
            b.RegionCode, b.Address, b.FoundedOn, b.Contact, b.BaseId, b.Capabilities, b.Domains, b.Talent, b.TotalStaff, b.Security, b.Tools), ct);
        return Http.Ok(http, detail, detail.Version);
    }

    static async Task<Ok<EnterpriseDetail>> GrantDesignation(Guid id, GrantBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.GrantDesignation(id, b.Designation, b.GrantedOn, b.Reason), ct));

    static async Task<Ok<EnterpriseDetail>> WithdrawDesignation(Guid id, string designation, WithdrawBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.WithdrawDesignation(id, designation, b.WithdrawnOn, b.Reason), ct));

    static async Task<Ok<Page<ApplicationView>>> ListApplications([AsParameters] ListApplicationsQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.ListApplications(q.Status, q.Page ?? 1, q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Created<ApplicationView>> ApplyForCertification(Application.Enterprises.ApplyForCertification body, IMediator mediator,
        CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        return TypedResults.Created($"/api/v1/certification/applications/{view.Id}", view);
    }

    static async Task<Ok<ApplicationView>> TakeApplicationUnderReview(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.TakeApplicationUnderReview(id), ct));

    static async Task<Ok<ApplicationView>> ApproveApplication(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.ApproveApplication(id), ct));

    static async Task<Ok<ApplicationView>> RejectApplication(Guid id, ReasonBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.RejectApplication(id, b.Reason), ct));

    static async Task<Ok<CertificateView>> GetCertificate(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Enterprises.GetCertificate(id), ct);
        return Http.Ok(http, view, view.Version);
    }

    static Task<Ok<CertificateView>> SuspendCertificate(Guid id, ReasonBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        ChangeCertificateStatus(id, CertificateAction.Suspend, b, http, mediator, ct);

    static Task<Ok<CertificateView>> ReinstateCertificate(Guid id, ReasonBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        ChangeCertificateStatus(id, CertificateAction.Reinstate, b, http, mediator, ct);

    static Task<Ok<CertificateView>> RevokeCertificate(Guid id, ReasonBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        ChangeCertificateStatus(id, CertificateAction.Revoke, b, http, mediator, ct);

    static async Task<Ok<CertificateView>> ChangeCertificateStatus(Guid id, CertificateAction action, ReasonBody b, HttpContext http, IMediator mediator,
        CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Enterprises.ChangeCertificateStatus(id, Http.IfMatch(http.Request), action, b.Reason), ct);
        return Http.Ok(http, view, view.Version);
    }
}
