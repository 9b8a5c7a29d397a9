using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Demands;

namespace Registry.Api.Endpoints;

public static class InvitationEndpoints
{
    public sealed record InvitationBody(IReadOnlyList<Guid> EnterpriseIds, string? Message);

    public sealed record ListMyInvitationsQuery([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListMyInvitations ToRequest() => new(Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapInvitations(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("").WithTags("Invitations to bid").RequireAuthorization();

        invitations.MapPost("/demands/{id:guid}/invitations", InviteEnterprises)
            .WithName("InviteEnterprises")
            .WithSummary("Invite up to 100 enterprises to bid on an open demand (its agency); inviting again answers the first invitation. Accepts Idempotency-Key.")
            .Produces<InvitationBatch>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        invitations.MapGet("/demands/{id:guid}/invitations", ListDemandInvitations)
            .WithName("ListDemandInvitations")
            .WithSummary("Whom a demand's agency invited to bid (its agency and the regulators of its region; nobody else, before or after the deadline)")
            .Produces<IReadOnlyList<InvitationView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        invitations.MapGet("/invitations/mine", ListMyInvitations)
            .WithName("ListMyInvitations").WithSummary("The calling enterprise's invitations to bid, newest first (enterprise)")
            .Produces<Page<InvitationView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Ok<InvitationBatch>> InviteEnterprises(Guid id, InvitationBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new InviteEnterprises(id, b.EnterpriseIds ?? [], b.Message), ct));

    static async Task<Ok<IReadOnlyList<InvitationView>>> ListDemandInvitations(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDemandInvitations(id), ct));

    static async Task<Ok<Page<InvitationView>>> ListMyInvitations([AsParameters] ListMyInvitationsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToRequest(), ct));
}
