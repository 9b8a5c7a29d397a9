using MediatR;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Application.Users;

namespace Registry.Api.Endpoints;

public static class AdminEndpoints
{
    public sealed record UpdateUserBody(string DisplayName, bool Active, bool Unlock);

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization();

        admin.MapGet("/users", (Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListUsers(organizationId, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListUsers").WithSummary("People's accounts (admin)")
            .Produces<Page<UserView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/users", async (CreateUser body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Http.WithETag(http, view, view.Version, 201, $"/api/v1/admin/users/{view.Id}");
            })
            .WithName("CreateUser")
            .WithSummary("Create a person's account with an initial password that must be changed at first sign-in (admin)")
            .Produces<UserView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPut("/users/{id:guid}", async (Guid id, UpdateUserBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new UpdateUser(id, body.DisplayName, body.Active, body.Unlock, Http.IfMatch(http.Request)), ct);
                return Http.WithETag(http, view, view.Version);
            })
            .WithName("UpdateUser").WithSummary("Rename, deactivate or unlock an account (admin). Requires If-Match.")
            .Produces<UserView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        admin.MapGet("/clients", (Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListApiClients(organizationId, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListApiClients").WithSummary("API clients of organizations' systems and regional nodes (admin)")
            .Produces<Page<ApiClientView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/clients", async (CreateApiClient body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(body, ct);
                return Results.Created($"/api/v1/admin/clients/{created.ClientId}", created);
            })
            .WithName("CreateApiClient")
            .WithSummary("Create an API client for the client credentials grant (admin). The secret is in this answer only.")
            .Produces<ApiClientCreated>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        admin.MapPost("/clients/{clientId}/deactivate", (string clientId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DeactivateApiClient(clientId), ct))
            .WithName("DeactivateApiClient")
            .WithSummary("Deactivate an API client for good: no new token, and its live tokens are refused within seconds (admin)")
            .Produces<ApiClientView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        admin.MapPost("/clients/{clientId}/rotate-secret", (string clientId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RotateApiClientSecret(clientId), ct))
            .WithName("RotateApiClientSecret")
            .WithSummary("Replace an API client's secret (admin). The new secret is in this answer only; the old one and its tokens stop working.")
            .Produces<ApiClientSecretRotated>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }
}
