using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Audit;
using Registry.Application.Enterprises;

namespace Registry.Api.Endpoints;

/// <summary>The operator's buttons that run a scheduled job now.</summary>
public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/admin/jobs").WithTags("Administration").RequireAuthorization();
        jobs.MapPost("/certificate-expiry", RunCertificateExpiry)
            .WithName("RunCertificateExpiry").WithSummary("Run the daily certificate expiry and early-warning job now (admin)")
            .Produces<CertificateExpiryResult>().ProducesProblem(401).ProducesProblem(403);
        jobs.MapPost("/audit-checkpoint", SignAuditCheckpoint)
            .WithName("SignAuditCheckpoint")
            .WithSummary("Sign an audit checkpoint now, after re-verifying the records since the last one (admin); 422 if the chain is broken")
            .Produces<AuditCheckpointResult>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(422);
        return api;
    }

    static async Task<Ok<CertificateExpiryResult>> RunCertificateExpiry(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Enterprises.RunCertificateExpiry(), ct));

    static async Task<Ok<AuditCheckpointResult>> SignAuditCheckpoint(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Audit.SignAuditCheckpoint(), ct));
}
