using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Organizations;

namespace Registry.Api.Endpoints;

public static class OrganizationEndpoints
{
    /// <summary>nameZh, regionCode and creditCode may be left out; a value other than the current one is refused (see identity-changes).</summary>
    public sealed record UpdateOrganizationBody(string? NameZh, string? NameEn, string? RegionCode, string? CreditCode, string? ContactEmail, bool Active);

    /// <summary>The parts of the identity to change (at least one) and why.</summary>
    public sealed record IdentityChangeBody(string? NameZh, string? CreditCode, string? RegionCode, string Reason);

    /// <summary>The query string of the organization list.</summary>
    public sealed record ListOrganizationsQuery(
        [FromQuery(Name = "kind")] string? Kind, [FromQuery(Name = "region")] string? Region, [FromQuery(Name = "search")] string? Search,
        [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListOrganizations ToQuery() => new(Kind, Region, Search, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    /// <summary>The query string of an organization's identity history.</summary>
    public sealed record IdentityHistoryQuery([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListOrganizationIdentityChanges ToQuery(Guid id) => new(id, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapOrganizations(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/organizations").WithTags("Organizations").RequireAuthorization();

        orgs.MapGet("/", ListOrganizations)
            .WithName("ListOrganizations")
            .WithSummary("Organizations in the caller's jurisdiction (admin: all; regulators and certifiers: their region and below)")
            .Produces<Page<OrganizationView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        orgs.MapGet("/{id:guid}", GetOrganization)
            .WithName("GetOrganization")
            .WithSummary("One organization: its own members, regulators of its jurisdiction and admins may read it")
            .Produces<OrganizationView>().ProducesProblem(401).ProducesProblem(404);

        orgs.MapPost("/", CreateOrganization)
            .WithName("CreateOrganization")
            .WithSummary("Register an organization (admin). Accepts Idempotency-Key.")
            .Produces<OrganizationView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        orgs.MapPut("/{id:guid}", UpdateOrganization)
            .WithName("UpdateOrganization")
            .WithSummary("Correct the English name or contact, or deactivate an organization (admin); name, credit code and region change through identity-changes. Requires If-Match.")
            .Produces<OrganizationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(412);

        orgs.MapPost("/{id:guid}/identity-changes", ChangeOrganizationIdentity)
            .WithName("ChangeOrganizationIdentity")
            .WithSummary("Change an organization's legal name, credit code or region with a reason (admin, or a regulator of both the old and the new region). Requires If-Match.")
            .Produces<OrganizationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(422);

        orgs.MapGet("/{id:guid}/identity-history", ListOrganizationIdentityChanges)
            .WithName("ListOrganizationIdentityChanges")
            .WithSummary("An organization's identity changes, newest first (admin; regulators: changes from or to their jurisdiction)")
            .Produces<Page<IdentityChangeView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static async Task<Ok<Page<OrganizationView>>> ListOrganizations([AsParameters] ListOrganizationsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));

    static async Task<Ok<OrganizationView>> GetOrganization(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new GetOrganization(id), ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Created<OrganizationView>> CreateOrganization(CreateOrganization body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Created($"/api/v1/organizations/{view.Id}", view);
    }

    static async Task<Ok<OrganizationView>> UpdateOrganization(Guid id, UpdateOrganizationBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new UpdateOrganization(id, body.NameZh, body.NameEn, body.RegionCode, body.CreditCode,
            body.ContactEmail, body.Active, Http.IfMatch(http.Request)), ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Ok<OrganizationView>> ChangeOrganizationIdentity(Guid id, IdentityChangeBody body, HttpContext http, IMediator mediator,
        CancellationToken ct)
    {
        var view = await mediator.Send(new ChangeOrganizationIdentity(id, Http.IfMatch(http.Request), body.NameZh, body.CreditCode,
            body.RegionCode, body.Reason), ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Ok<Page<IdentityChangeView>>> ListOrganizationIdentityChanges(Guid id, [AsParameters] IdentityHistoryQuery query, IMediator mediator,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(id), ct));
}
