using MediatR;
using Registry.Application.Bases;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class BaseEndpoints
{
    public static RouteGroupBuilder MapBases(this RouteGroupBuilder api)
    {
        var bases = api.MapGroup("/bases").WithTags("Bases");

        bases.MapGet("/", (string? region, string? level, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchBases(region, level, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("SearchBases")
            .WithSummary("The data labeling bases (数据标注基地), national first")
            .WithDescription("`region` takes a province or city code; a province includes its cities. `level` is national or provincial.")
            .Produces<Page<BaseSummary>>()
            .ProducesValidationProblem();

        bases.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetBase(id), ct))
            .WithName("GetBase")
            .WithSummary("One data labeling base")
            .Produces<BaseSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
