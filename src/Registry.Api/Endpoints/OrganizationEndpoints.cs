using MediatR;
using Registry.Application.Common;
using Registry.Application.Organizations;

namespace Registry.Api.Endpoints;

public static class OrganizationEndpoints
{
    /// <summary>nameZh, regionCode and creditCode may be left out; a value other than the current one is refused (see identity-changes).</summary>
    public sealed record UpdateOrganizationBody(string? NameZh, string? NameEn, string? RegionCode, string? CreditCode, string? ContactEmail, bool Active);

    /// <summary>The parts of the identity to change (at least one) and why.</summary>
    public sealed record IdentityChangeBody(string? NameZh, string? CreditCode, string? RegionCode, string Reason);

    public static RouteGroupBuilder MapOrganizations(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/organizations").WithTags("Organizations").RequireAuthorization();

        orgs.MapGet("/", (string? kind, string? region, string? search, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListOrganizations(kind, region, search, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListOrganizations")
            .WithSummary("Organizations in the caller's jurisdiction (admin: all; regulators and certifiers: their region and below)")
            .Produces<Page<OrganizationView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        orgs.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new GetOrganization(id), ct);
                return Http.WithETag(http, view, view.Version);
            })
            .WithName("GetOrganization")
            .WithSummary("One organization: its own members, regulators of its jurisdiction and admins may read it")
            .Produces<OrganizationView>().ProducesProblem(401).ProducesProblem(404);

        orgs.MapPost("/", async (CreateOrganization body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Http.WithETag(http, view, view.Version, 201, $"/api/v1/organizations/{view.Id}");
            })
            .WithName("CreateOrganization")
            .WithSummary("Register an organization (admin). Accepts Idempotency-Key.")
            .Produces<OrganizationView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        orgs.MapPut("/{id:guid}", async (Guid id, UpdateOrganizationBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new UpdateOrganization(id, body.NameZh, body.NameEn, body.RegionCode, body.CreditCode,
                    body.ContactEmail, body.Active, Http.IfMatch(http.Request)), ct);
                return Http.WithETag(http, view, view.Version);
            })
            .WithName("UpdateOrganization")
            .WithSummary("Correct the English name or contact, or deactivate an organization (admin); name, credit code and region change through identity-changes. Requires If-Match.")
            .Produces<OrganizationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(412);

        orgs.MapPost("/{id:guid}/identity-changes", async (Guid id, IdentityChangeBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new ChangeOrganizationIdentity(id, Http.IfMatch(http.Request), body.NameZh, body.CreditCode,
                    body.RegionCode, body.Reason), ct);
                return Http.WithETag(http, view, view.Version);
            })
            .WithName("ChangeOrganizationIdentity")
            .WithSummary("Change an organization's legal name, credit code or region with a reason (admin, or a regulator of both the old and the new region). Requires If-Match.")
            .Produces<OrganizationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(422);

        orgs.MapGet("/{id:guid}/identity-history", (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListOrganizationIdentityChanges(id, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListOrganizationIdentityChanges")
            .WithSummary("An organization's identity changes, newest first (admin; regulators: changes from or to their jurisdiction)")
            .Produces<Page<IdentityChangeView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }
}
