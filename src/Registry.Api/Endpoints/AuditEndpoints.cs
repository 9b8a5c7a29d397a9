using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Audit;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class AuditEndpoints
{
    public sealed record VerifyQuery([FromQuery(Name = "from")] long? From, [FromQuery(Name = "limit")] int? Limit)
    {
        public Application.Audit.VerifyAuditChain ToQuery() => new(From, Limit ?? Application.Audit.VerifyAuditChain.DefaultLimit);
    }

    public sealed record CheckpointsQuery([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public Application.Audit.ListAuditCheckpoints ToQuery() => new(Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/verify", VerifyAuditChain)
            .WithName("VerifyAuditChain")
            .WithSummary("Recomputes one page of the audit hash chain up to the head read at the start and checks the signed checkpoints in it; " +
                "from the newest validly signed checkpoint, or ?from= (1: the whole log), resuming at `next`")
            .Produces<AuditChainReport>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        audit.MapGet("/checkpoints", ListAuditCheckpoints)
            .WithName("ListAuditCheckpoints")
            .WithSummary("The signed checkpoints of the audit chain, newest first, with the signed text and the public keys to check them elsewhere")
            .Produces<AuditCheckpointPage>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Ok<AuditChainReport>> VerifyAuditChain([AsParameters] VerifyQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));

    static async Task<Ok<AuditCheckpointPage>> ListAuditCheckpoints([AsParameters] CheckpointsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));
}
