using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Bases;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class BaseEndpoints
{
    public sealed record UpdateBaseBody(string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh, string? FocusEn,
        IReadOnlyList<string> FocusDomains);

    // Bound by the names the query string has always used, which the OpenAPI document shows too.
    public sealed record SearchBasesQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "level")] string? Level,
        [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

    public static RouteGroupBuilder MapBases(this RouteGroupBuilder api)
    {
        var bases = api.MapGroup("/bases").WithTags("Bases");
        var manage = bases.MapGroup("").RequireAuthorization();

        var read = bases.MapGroup("").AllowAnonymous();
        read.MapGet("/", SearchBases)
            .WithName("SearchBases")
            .WithSummary("The data labeling bases (数据标注基地), national first")
            .WithDescription("`region` takes a province or city code; a province includes its cities. `level` is national or provincial.")
            .Produces<Page<BaseSummary>>()
            .ProducesValidationProblem();

        read.MapGet("/{id:guid}", GetBase)
            .WithName("GetBase")
            .WithSummary("One data labeling base")
            .Produces<BaseSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/", CreateBase)
            .WithName("CreateBase").WithSummary("Add a data labeling base (admin)")
            .Produces<BaseSummary>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        manage.MapPut("/{id:guid}", UpdateBase)
            .WithName("UpdateBase").WithSummary("Correct a data labeling base (admin). Requires If-Match.")
            .Produces<BaseSummary>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        return api;
    }

    static async Task<Ok<Page<BaseSummary>>> SearchBases([AsParameters] SearchBasesQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Bases.SearchBases(q.Region, q.Level, q.Page ?? 1, q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Ok<BaseSummary>> GetBase(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Bases.GetBase(id), ct);
        return Http.Ok(http, view, view.Version);
    }

    static async Task<Created<BaseSummary>> CreateBase(Application.Bases.CreateBase body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        return Http.Created(http, $"/api/v1/bases/{view.Id}", view, view.Version);
    }

    static async Task<Ok<BaseSummary>> UpdateBase(Guid id, UpdateBaseBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Bases.UpdateBase(id, body.NameZh, body.NameEn, body.Level, body.RegionCode, body.FocusZh,
            body.FocusEn, body.FocusDomains, Http.IfMatch(http.Request)), ct);
        return Http.Ok(http, view, view.Version);
    }
}
