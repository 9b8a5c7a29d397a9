using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Application.Users;

namespace Registry.Api.Endpoints;

public static class AdminEndpoints
{
    public sealed record UpdateUserBody(string DisplayName, bool Active, bool Unlock);

    /// <summary>The query string of the account list.</summary>
    public sealed record ListUsersQuery(
        [FromQuery(Name = "organizationId")] Guid? OrganizationId, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListUsers ToQuery() => new(OrganizationId, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    /// <summary>The query string of the API client list.</summary>
    public sealed record ListApiClientsQuery(
        [FromQuery(Name = "organizationId")] Guid? OrganizationId, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListApiClients ToQuery() => new(OrganizationId, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization();

        admin.MapGet("/users", ListUsers)
            .WithName("ListUsers").WithSummary("People's accounts (admin)")
            .Produces<Page<UserView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/users", CreateUser)
            .WithName("CreateUser")
            .WithSummary("Create a person's account with an initial password that must be changed at first sign-in (admin)")
            .Produces<UserView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPut("/users/{id:guid}", UpdateUser)
            .WithName("UpdateUser").WithSummary("Rename, deactivate or unlock an account (admin). Requires If-Match.")
            .Produces<UserView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        admin.MapGet("/clients", ListApiClients)
            .WithName("ListApiClients").WithSummary("API clients of organizations' systems and regional nodes (admin)")
            .Produces<Page<ApiClientView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/clients", CreateApiClient)
            .WithName("CreateApiClient")
            .WithSummary("Create an API client for the client credentials grant (admin). The secret is in this answer only.")
            .Produces<ApiClientCreated>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/clients/{clientId}/deactivate", DeactivateApiClient)
            .WithName("DeactivateApiClient")
            .WithSummary("Deactivate an API client for good: no new token, and its live tokens are refused within seconds (admin)")
            .Produces<ApiClientView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        admin.MapPost("/clients/{clientId}/rotate-secret", RotateApiClientSecret)
            .WithName("RotateApiClientSecret")
            .WithSummary("Replace an API client's secret (admin). The new secret is in this answer only; the old one and its tokens stop working.")
            .Produces<ApiClientSecretRotated>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static async Task<Ok<Page<UserView>>> ListUsers([AsParameters] ListUsersQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));

    static async Task<Created<UserView>> CreateUser(CreateUser body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Created($"/api/v1/admin/users/{view.Id}", view);
    }

    static async Task<Ok<UserView>> UpdateUser(Guid id, UpdateUserBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new UpdateUser(id, body.DisplayName, body.Active, body.Unlock, Http.IfMatch(http.Request)), ct);
        Http.SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Ok<Page<ApiClientView>>> ListApiClients([AsParameters] ListApiClientsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));

    static async Task<Created<ApiClientCreated>> CreateApiClient(CreateApiClient body, IMediator mediator, CancellationToken ct)
    {
        var created = await mediator.Send(body, ct);
        return TypedResults.Created($"/api/v1/admin/clients/{created.ClientId}", created);
    }

    static async Task<Ok<ApiClientView>> DeactivateApiClient(string clientId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new DeactivateApiClient(clientId), ct));

    static async Task<Ok<ApiClientSecretRotated>> RotateApiClientSecret(string clientId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new RotateApiClientSecret(clientId), ct));
}
