using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Contracts;

namespace Registry.Api.Endpoints;

public static class ContractEndpoints
{
    public sealed record DeliveryBody(string Description, decimal Quantity, string ManifestSha256);

    public sealed record AcceptanceBody(int SampleSize, decimal MeasuredAccuracy, string? Note);

    public sealed record TerminationBody(string Reason);

    public sealed record ListContractsQuery([FromQuery(Name = "status")] string? Status, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListContracts ToRequest() => new(Status, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapContracts(this RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts and acceptance").RequireAuthorization();

        contracts.MapGet("/", ListContracts)
            .WithName("ListContracts").WithSummary("The caller's contracts: an agency's or enterprise's own, a regulator's jurisdiction, all for admins")
            .Produces<Page<ContractView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        contracts.MapGet("/{id:guid}", GetContract)
            .WithName("GetContract").WithSummary("A contract with its deliveries and acceptance history (its parties, regulators of its region)")
            .Produces<ContractView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        contracts.MapPost("/{id:guid}/deliveries", RecordDelivery)
            .WithName("RecordDelivery").WithSummary("Record a delivery with its manifest hash (the contracted enterprise). Requires If-Match.")
            .Produces<ContractView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);

        contracts.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/acceptance", DecideDelivery)
            .WithName("DecideDelivery").WithSummary("Record the sampled acceptance of a delivery: accepted at or above the minimum accuracy, else rejected (its agency). Requires If-Match.")
            .Produces<ContractView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        contracts.MapPost("/{id:guid}/signature", SignContract)
            .WithName("SignContract")
            .WithSummary("Sign an awarded contract after the result notice's publicity period, when no result challenge is open (its agency). Requires If-Match.")
            .WithDescription("No body. 422 `publicity_period` before the period ends (the message gives the end in China time), 422 `result_challenge_open` " +
                "while a challenge of the result is unanswered or before the regulators, 422 `demand_suspended` while suspended, 409 unless pending.")
            .Produces<ContractView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);

        contracts.MapPost("/{id:guid}/terminate", TerminateContract)
            .WithName("TerminateContract").WithSummary("Terminate a contract after its due date without an accepted delivery (its agency). Requires If-Match.")
            .Produces<ContractView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);
        return api;
    }

    static async Task<Ok<Page<ContractView>>> ListContracts([AsParameters] ListContractsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToRequest(), ct));

    static async Task<Ok<ContractView>> GetContract(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new GetContract(id), ct));

    static async Task<Ok<ContractView>> RecordDelivery(Guid id, DeliveryBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new RecordDelivery(id, Http.IfMatch(http.Request), b.Description, b.Quantity, b.ManifestSha256), ct));

    static async Task<Ok<ContractView>> DecideDelivery(Guid id, Guid deliveryId, AcceptanceBody b, HttpContext http, IMediator mediator,
        CancellationToken ct) =>
        Versioned(http, await mediator.Send(new DecideDelivery(id, Http.IfMatch(http.Request), deliveryId, b.SampleSize, b.MeasuredAccuracy, b.Note), ct));

    static async Task<Ok<ContractView>> SignContract(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new SignContract(id, Http.IfMatch(http.Request)), ct));

    static async Task<Ok<ContractView>> TerminateContract(Guid id, TerminationBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new TerminateContract(id, Http.IfMatch(http.Request), b.Reason), ct));

    static Ok<ContractView> Versioned(HttpContext http, ContractView view) => Http.Ok(http, view, view.RowVersion);
}
