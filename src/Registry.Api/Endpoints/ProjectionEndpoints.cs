using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Admin;

namespace Registry.Api.Endpoints;

public static class ProjectionEndpoints
{
    public static RouteGroupBuilder MapProjections(this RouteGroupBuilder api)
    {
        var projections = api.MapGroup("/admin/projections").WithTags("Administration").RequireAuthorization();

        projections.MapGet("", ListProjections)
            .WithName("ListProjections")
            .WithSummary("Outbox projections with their lag (last sequence applied, when that event occurred, how far behind) and any stop (admin)")
            .Produces<IReadOnlyList<ProjectionView>>().ProducesProblem(401).ProducesProblem(403);

        projections.MapPost("/{name}/resume", ResumeProjection)
            .WithName("ResumeProjection")
            .WithSummary("Resume a projection an event stopped, retrying that event first (admin)")
            .Produces<ProjectionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        projections.MapPost("/{name}/rebuild", RebuildProjection)
            .WithName("RebuildProjection")
            .WithSummary("Empty a projection and replay the outbox into it from sequence zero; its lag shows the progress (admin)")
            .Produces<ProjectionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static async Task<Ok<IReadOnlyList<ProjectionView>>> ListProjections(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListProjections(), ct));

    static async Task<Ok<ProjectionView>> ResumeProjection(string name, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ResumeProjection(name), ct));

    static async Task<Ok<ProjectionView>> RebuildProjection(string name, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new RebuildProjection(name), ct));
}
