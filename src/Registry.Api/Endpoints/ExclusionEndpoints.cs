using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Exclusions;

namespace Registry.Api.Endpoints;

public static class ExclusionEndpoints
{
    public sealed record ListExclusionsQuery([FromQuery(Name = "q")] string? Q, [FromQuery(Name = "creditCode")] string? CreditCode,
        [FromQuery(Name = "active")] bool? Active, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

    public sealed record RecordExclusionBody(Guid EnterpriseId, string Type, string Source, string Reason, string LegalBasis, DateOnly? StartDate,
        DateOnly? EndDate);

    public sealed record LiftExclusionBody(string? Reason);

    public static RouteGroupBuilder MapExclusions(this RouteGroupBuilder api)
    {
        var exclusions = api.MapGroup("/exclusions").WithTags("Exclusions");
        var open = exclusions.MapGroup("").AllowAnonymous();
        var secured = exclusions.MapGroup("").RequireAuthorization();

        open.MapGet("/", ListExclusions)
            .WithName("ListExclusions")
            .WithSummary("The public register of exclusions (debarment, credit blacklist, court order): search by name or credit code, in force today or not")
            .Produces<Page<ExclusionView>>().ProducesValidationProblem();
        open.MapGet("/{id:guid}", GetExclusion)
            .WithName("GetExclusion").WithSummary("One exclusion with its status today (China time); its ETag is the version lifting sends as If-Match")
            .Produces<ExclusionView>().ProducesProblem(404);
        secured.MapPost("/", RecordExclusion)
            .WithName("RecordExclusion")
            .WithSummary("Record an exclusion from bidding for an enterprise of the caller's jurisdiction (regulator), for China dates start to end (none: until lifted)")
            .Produces<ExclusionView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        secured.MapPost("/{id:guid}/lift", LiftExclusion)
            .WithName("LiftExclusion").WithSummary("Lift an exclusion early, with a reason (regulators of the enterprise's jurisdiction). Requires If-Match.")
            .Produces<ExclusionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
        return api;
    }

    static async Task<Ok<Page<ExclusionView>>> ListExclusions([AsParameters] ListExclusionsQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Exclusions.ListExclusions(q.Q, q.CreditCode, q.Active, q.Page ?? 1,
            q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Ok<ExclusionView>> GetExclusion(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Exclusions.GetExclusion(id), ct);
        return Http.Ok(http, view, view.Version);
    }

    static async Task<Created<ExclusionView>> RecordExclusion(RecordExclusionBody b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Exclusions.RecordExclusion(b.EnterpriseId, b.Type, b.Source, b.Reason, b.LegalBasis, b.StartDate,
            b.EndDate), ct);
        return Http.Created(http, $"/api/v1/exclusions/{view.Id}", view, view.Version);
    }

    static async Task<Ok<ExclusionView>> LiftExclusion(Guid id, LiftExclusionBody? b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Exclusions.LiftExclusion(id, Http.IfMatch(http.Request), b?.Reason ?? ""), ct);
        return Http.Ok(http, view, view.Version);
    }
}
