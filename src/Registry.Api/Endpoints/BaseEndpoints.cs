using MediatR;
using Registry.Application.Bases;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class BaseEndpoints
{
    public sealed record UpdateBaseBody(string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh, string? FocusEn,
        IReadOnlyList<string> FocusDomains);

    public static RouteGroupBuilder MapBases(this RouteGroupBuilder api)
    {
        var bases = api.MapGroup("/bases").WithTags("Bases");
        var manage = bases.MapGroup("").RequireAuthorization();

        var read = bases.MapGroup("").AllowAnonymous();
        read.MapGet("/", (string? region, string? level, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchBases(region, level, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("SearchBases")
            .WithSummary("The data labeling bases (数据标注基地), national first")
            .WithDescription("`region` takes a province or city code; a province includes its cities. `level` is national or provincial.")
            .Produces<Page<BaseSummary>>()
            .ProducesValidationProblem();

        read.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetBase(id), ct))
            .WithName("GetBase")
            .WithSummary("One data labeling base")
            .Produces<BaseSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/", async (CreateBase body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Http.WithETag(http, view, view.Version, 201, $"/api/v1/bases/{view.Id}");
            })
            .WithName("CreateBase").WithSummary("Add a data labeling base (admin)")
            .Produces<BaseSummary>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        manage.MapPut("/{id:guid}", async (Guid id, UpdateBaseBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new UpdateBase(id, body.NameZh, body.NameEn, body.Level, body.RegionCode, body.FocusZh,
                    body.FocusEn, body.FocusDomains, Http.IfMatch(http.Request)), ct);
                return Http.WithETag(http, view, view.Version);
            })
            .WithName("UpdateBase").WithSummary("Correct a data labeling base (admin). Requires If-Match.")
            .Produces<BaseSummary>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        return api;
    }
}
