using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Nodes;

namespace Registry.Api.Endpoints;

public static class NodeEndpoints
{
    public static RouteGroupBuilder MapNodes(this RouteGroupBuilder api)
    {
        api.MapGroup("/nodes").WithTags("One network").RequireAuthorization()
            .MapPost("/batches", PushBatch)
            .WithName("PushNodeBatch")
            .WithSummary("A regional node pushes its region's enterprises and catalog entries keyed by its own ids; a result per item (node)")
            .Produces<NodeBatchReport>().ProducesValidationProblem();
        return api;
    }

    static async Task<Ok<NodeBatchReport>> PushBatch(PushNodeBatch body, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(body, ct));
}
