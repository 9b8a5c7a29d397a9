using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Alerts;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class AlertEndpoints
{
    // Bound by the names the query string has always used, which the OpenAPI document shows too.
    public sealed record ListAlertsQuery([FromQuery(Name = "type")] string? Type, [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "severity")] string? Severity, [FromQuery(Name = "region")] string? Region, [FromQuery(Name = "from")] DateOnly? From,
        [FromQuery(Name = "to")] DateOnly? To, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

    public sealed record AcknowledgeBody(string? Note);

    public sealed record ResolveBody(string Note);

    public sealed record DismissBody(string Reason);

    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization();
        alerts.MapGet("/", ListAlerts)
            .WithName("ListAlerts").WithSummary("Risk alerts of the caller's jurisdiction (regulator, admin), by type, status, severity, region and China-time dates")
            .Produces<Page<AlertView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        alerts.MapGet("/{id:guid}", GetAlert)
            .WithName("GetAlert").WithSummary("One risk alert with its evidence (regulators of its region, admin); its ETag is the version a step sends as If-Match")
            .Produces<AlertView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        alerts.MapPost("/{id:guid}/acknowledge", AcknowledgeAlert)
            .WithName("AcknowledgeAlert").WithSummary("Take an open alert up, with an optional note (regulators of its region). Requires If-Match.")
            .Produces<AlertView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        alerts.MapPost("/{id:guid}/resolve", ResolveAlert)
            .WithName("ResolveAlert").WithSummary("Close an open or acknowledged alert as handled, with a note (regulators of its region). Requires If-Match.")
            .Produces<AlertView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        alerts.MapPost("/{id:guid}/dismiss", DismissAlert)
            .WithName("DismissAlert").WithSummary("Close an open or acknowledged alert as needing no action, with a reason (regulators of its region). Requires If-Match.")
            .Produces<AlertView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    static async Task<Ok<Page<AlertView>>> ListAlerts([AsParameters] ListAlertsQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Alerts.ListAlerts(q.Type, q.Status, q.Severity, q.Region, q.From, q.To, q.Page ?? 1,
            q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Ok<AlertView>> GetAlert(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new Application.Alerts.GetAlert(id), ct));

    static async Task<Ok<AlertView>> AcknowledgeAlert(Guid id, AcknowledgeBody? b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new Application.Alerts.AcknowledgeAlert(id, Http.IfMatch(http.Request), b?.Note), ct));

    static async Task<Ok<AlertView>> ResolveAlert(Guid id, ResolveBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new Application.Alerts.ResolveAlert(id, Http.IfMatch(http.Request), b.Note), ct));

    static async Task<Ok<AlertView>> DismissAlert(Guid id, DismissBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new Application.Alerts.DismissAlert(id, Http.IfMatch(http.Request), b.Reason), ct));

    static Ok<AlertView> Versioned(HttpContext http, AlertView view) => Http.Ok(http, view, view.Version);
}
