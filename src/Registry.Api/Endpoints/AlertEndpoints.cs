using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Alerts;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class AlertEndpoints
{
    // Bound by the names the query string has always used, which the OpenAPI document shows too.
    public sealed record ListAlertsQuery([FromQuery(Name = "type")] string? Type, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize);

    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization()
            .MapGet("/", ListAlerts)
            .WithName("ListAlerts").WithSummary("Risk alerts of the caller's jurisdiction (regulator, admin)")
            .Produces<Page<AlertView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Ok<Page<AlertView>>> ListAlerts([AsParameters] ListAlertsQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Alerts.ListAlerts(q.Type, q.Page ?? 1, q.PageSize ?? Paging.DefaultPageSize), ct));
}
