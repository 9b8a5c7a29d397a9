using MediatR;
using Registry.Application.Audit;

namespace Registry.Api.Endpoints;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/verify", (IMediator mediator, CancellationToken ct) => mediator.Send(new VerifyAuditChain(), ct))
            .WithName("VerifyAuditChain")
            .WithSummary("Recomputes the audit log's SHA-256 hash chain and reports whether it is intact")
            .Produces<AuditChainReport>();
        return api;
    }
}
