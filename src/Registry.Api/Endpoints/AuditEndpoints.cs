using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Audit;

namespace Registry.Api.Endpoints;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/verify", VerifyAuditChain)
            .WithName("VerifyAuditChain")
            .WithSummary("Recomputes the audit log's SHA-256 hash chain and reports whether it is intact")
            .Produces<AuditChainReport>();
        return api;
    }

    static async Task<Ok<AuditChainReport>> VerifyAuditChain(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new VerifyAuditChain(), ct));
}
