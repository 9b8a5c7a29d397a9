using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Contracts;
using Registry.Application.Demands;

namespace Registry.Api.Endpoints;

public static class DemandEndpoints
{
    public sealed record ReasonBody(string Reason);

    public sealed record DeadlineBody(DateTimeOffset BidDeadline);

    public sealed record ClarificationBody(string Question, string Answer);

    public sealed record AwardBody(Guid BidId, string? Reason);

    public sealed record BidBody(decimal Price, DateOnly DeliveryDate, decimal Accuracy, int TeamSize, string TechnicalSummary);

    public sealed record SearchDemandsQuery([FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "status")] string[]? Status, [FromQuery(Name = "domain")] string[]? Domain, [FromQuery(Name = "modality")] string[]? Modality,
        [FromQuery(Name = "region")] string? Region, [FromQuery(Name = "baseId")] Guid? BaseId, [FromQuery(Name = "minBudget")] decimal? MinBudget,
        [FromQuery(Name = "maxBudget")] decimal? MaxBudget, [FromQuery(Name = "deadlineFrom")] DateTimeOffset? DeadlineFrom,
        [FromQuery(Name = "deadlineTo")] DateTimeOffset? DeadlineTo, [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public SearchDemands ToRequest() => new(Q, Status, Domain, Modality, Region, BaseId, MinBudget, MaxBudget, DeadlineFrom, DeadlineTo, Sort, Page ?? 1,
            PageSize ?? Paging.DefaultPageSize);
    }

    public sealed record ListMyDemandsQuery([FromQuery(Name = "status")] string? Status, [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListMyDemands ToRequest() => new(Status, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public sealed record ListMyBidsQuery([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListMyBids ToRequest() => new(Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapDemands(this RouteGroupBuilder api)
    {
        var demands = api.MapGroup("/demands").WithTags("Demands and bids");
        var open = demands.MapGroup("").AllowAnonymous();
        var secured = demands.MapGroup("").RequireAuthorization();

        open.MapGet("/", SearchDemands)
            .WithName("SearchDemands").WithSummary("The demand board: open labeling demands by default, with filters, sorting and paging")
            .Produces<Page<DemandView>>().ProducesValidationProblem();

        secured.MapGet("/mine", ListMyDemands)
            .WithName("ListMyDemands").WithSummary("The calling agency's own demands, drafts included, with bid counts (agency)")
            .Produces<Page<DemandView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        api.MapGroup("/bids").WithTags("Demands and bids").RequireAuthorization()
            .MapGet("/mine", ListMyBids)
            .WithName("ListMyBids").WithSummary("The calling enterprise's own bids (enterprise)")
            .Produces<Page<BidView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        open.MapGet("/{id:guid}", GetDemand)
            .WithName("GetDemand").WithSummary("One demand (drafts only for their agency); shows how many bids exist, never whose or how much")
            .Produces<DemandView>().ProducesProblem(404);

        secured.MapPost("/", CreateDemand)
            .WithName("CreateDemand").WithSummary("Draft a labeling demand (agency)")
            .Produces<DemandView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        secured.MapPost("/{id:guid}/publish", PublishDemand)
            .WithName("PublishDemand").WithSummary("Publish a draft demand: bidding opens until its deadline (its agency). Requires If-Match.")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        secured.MapPost("/{id:guid}/cancel", CancelDemand)
            .WithName("CancelDemand").WithSummary("Cancel a demand with a reason (its agency). Requires If-Match.")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/deadline", ExtendBidDeadline)
            .WithName("ExtendBidDeadline").WithSummary("Extend the bidding deadline of an open demand (its agency); never shortened. Requires If-Match.")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        open.MapGet("/{id:guid}/clarifications", ListClarifications)
            .WithName("ListClarifications").WithSummary("A demand's clarifications, questions and answers visible to all bidders")
            .Produces<IReadOnlyList<ClarificationView>>().ProducesProblem(404);

        secured.MapPost("/{id:guid}/clarifications", PublishClarification)
            .WithName("PublishClarification").WithSummary("Publish a clarification while bidding is open (its agency)")
            .Produces<ClarificationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapGet("/{id:guid}/bids", ListDemandBids)
            .WithName("ListDemandBids").WithSummary("A demand's bids, sealed until the deadline (bidders see their own)")
            .Produces<IReadOnlyList<BidView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        secured.MapPut("/{id:guid}/bids/mine", SubmitBid)
            .WithName("SubmitBid").WithSummary("Submit or replace the caller's bid before the deadline (eligible enterprise). Accepts Idempotency-Key.")
            .Produces<BidReceipt>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        secured.MapDelete("/{id:guid}/bids/mine", WithdrawBid)
            .WithName("WithdrawBid").WithSummary("Withdraw the caller's bid before the deadline (enterprise)")
            .Produces<BidReceipt>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        secured.MapPost("/{id:guid}/evaluation", EvaluateDemand)
            .WithName("EvaluateDemand").WithSummary("Evaluate the bids of a closed demand by its method: eligibility again, scores, ranking (its agency; re-runnable until award)")
            .Produces<EvaluationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapGet("/{id:guid}/evaluation", GetEvaluation)
            .WithName("GetEvaluation").WithSummary("A demand's ranking with the score breakdown (agency and regulators: all bids; a bidder: its own)")
            .Produces<EvaluationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        secured.MapPost("/{id:guid}/award", AwardDemand)
            .WithName("AwardDemand").WithSummary("Award the demand to a bid and create the contract (its agency); a bid other than the top-ranked needs a reason. Requires If-Match.")
            .Produces<ContractView>(201).ProducesValidationProblem().ProducesProblem(412)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        secured.MapPost("/{id:guid}/unsuccessful", DeclareDemandUnsuccessful)
            .WithName("DeclareDemandUnsuccessful").WithSummary("Declare an evaluated demand unsuccessful, with a reason (its agency). Requires If-Match.")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGroup("/admin/jobs").WithTags("Administration").RequireAuthorization()
            .MapPost("/demand-closing", CloseDueDemands)
            .WithName("CloseDueDemands").WithSummary("Close every open demand past its deadline now (admin); the job does this every minute")
            .Produces<int>().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Ok<Page<DemandView>>> SearchDemands([AsParameters] SearchDemandsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToRequest(), ct));

    static async Task<Ok<Page<DemandView>>> ListMyDemands([AsParameters] ListMyDemandsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToRequest(), ct));

    static async Task<Ok<Page<BidView>>> ListMyBids([AsParameters] ListMyBidsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToRequest(), ct));

    static async Task<Ok<DemandView>> GetDemand(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new GetDemand(id), ct));

    static async Task<Created<DemandView>> CreateDemand(CreateDemand body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        return Http.Created(http, $"/api/v1/demands/{view.Id}", view, view.RowVersion);
    }

    static async Task<Ok<DemandView>> PublishDemand(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new PublishDemand(id, Http.IfMatch(http.Request)), ct));

    static async Task<Ok<DemandView>> CancelDemand(Guid id, ReasonBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new CancelDemand(id, Http.IfMatch(http.Request), b.Reason), ct));

    static async Task<Ok<DemandView>> ExtendBidDeadline(Guid id, DeadlineBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new ExtendBidDeadline(id, Http.IfMatch(http.Request), b.BidDeadline), ct));

    static async Task<Ok<IReadOnlyList<ClarificationView>>> ListClarifications(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListClarifications(id), ct));

    static async Task<Ok<ClarificationView>> PublishClarification(Guid id, ClarificationBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new PublishClarification(id, b.Question, b.Answer), ct));

    static async Task<Ok<IReadOnlyList<BidView>>> ListDemandBids(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDemandBids(id), ct));

    static async Task<Ok<BidReceipt>> SubmitBid(Guid id, BidBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new SubmitBid(id, b.Price, b.DeliveryDate, b.Accuracy, b.TeamSize, b.TechnicalSummary), ct));

    static async Task<Ok<BidReceipt>> WithdrawBid(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new WithdrawBid(id), ct));

    static async Task<Ok<EvaluationView>> EvaluateDemand(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new EvaluateDemand(id), ct));

    static async Task<Ok<EvaluationView>> GetEvaluation(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetEvaluation(id), ct));

    // The answer is the new contract, so its ETag is the contract's version (the demand's If-Match was spent on the award).
    static async Task<Created<ContractView>> AwardDemand(Guid id, AwardBody b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var contract = await mediator.Send(new AwardDemand(id, Http.IfMatch(http.Request), b.BidId, b.Reason), ct);
        return Http.Created(http, $"/api/v1/contracts/{contract.Id}", contract, contract.RowVersion);
    }

    static async Task<Ok<DemandView>> DeclareDemandUnsuccessful(Guid id, ReasonBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Versioned(http, await mediator.Send(new DeclareDemandUnsuccessful(id, Http.IfMatch(http.Request), b.Reason), ct));

    static Ok<DemandView> Versioned(HttpContext http, DemandView view) => Http.Ok(http, view, view.RowVersion);

    static async Task<Ok<int>> CloseDueDemands(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new CloseDueDemands(), ct));
}
