using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;

namespace Registry.Api.Endpoints;

public static class DemandEndpoints
{
    public sealed record ReasonBody(string Reason);

    public sealed record DeadlineBody(DateTimeOffset BidDeadline);

    public sealed record ClarificationBody(string Question, string Answer);

    public sealed record AwardBody(Guid BidId, string? Reason);

    public sealed record BidBody(decimal Price, DateOnly DeliveryDate, decimal Accuracy, int TeamSize, string TechnicalSummary);

    public static RouteGroupBuilder MapDemands(this RouteGroupBuilder api)
    {
        var demands = api.MapGroup("/demands").WithTags("Demands and bids");
        var open = demands.MapGroup("").AllowAnonymous();
        var secured = demands.MapGroup("").RequireAuthorization();

        open.MapGet("/", (string? status, string? domain, string? modality, string? region, Guid? baseId, decimal? minBudget, decimal? maxBudget,
                    DateTimeOffset? deadlineFrom, DateTimeOffset? deadlineTo, string? sort, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchDemands(status, domain, modality, region, baseId, minBudget, maxBudget, deadlineFrom, deadlineTo, sort, page ?? 1,
                    pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("SearchDemands").WithSummary("The demand board: open labeling demands by default, with filters, sorting and paging")
            .Produces<Page<DemandView>>().ProducesValidationProblem();

        secured.MapGet("/mine", (string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMyDemands(status, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListMyDemands").WithSummary("The calling agency's own demands, drafts included, with bid counts (agency)")
            .Produces<Page<DemandView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        api.MapGroup("/bids").WithTags("Demands and bids").RequireAuthorization()
            .MapGet("/mine", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMyBids(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("ListMyBids").WithSummary("The calling enterprise's own bids (enterprise)")
            .Produces<Page<BidView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        open.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetDemand(id), ct))
            .WithName("GetDemand").WithSummary("One demand (drafts only for their agency); shows how many bids exist, never whose or how much")
            .Produces<DemandView>().ProducesProblem(404);

        secured.MapPost("/", async (CreateDemand body, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Results.Created($"/api/v1/demands/{view.Id}", view);
            })
            .WithName("CreateDemand").WithSummary("Draft a labeling demand (agency)")
            .Produces<DemandView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        secured.MapPost("/{id:guid}/publish", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new PublishDemand(id), ct))
            .WithName("PublishDemand").WithSummary("Publish a draft demand: bidding opens until its deadline (its agency)")
            .Produces<DemandView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        secured.MapPost("/{id:guid}/cancel", (Guid id, ReasonBody b, IMediator mediator, CancellationToken ct) => mediator.Send(new CancelDemand(id, b.Reason), ct))
            .WithName("CancelDemand").WithSummary("Cancel a demand with a reason (its agency)")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/deadline", (Guid id, DeadlineBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ExtendBidDeadline(id, b.BidDeadline), ct))
            .WithName("ExtendBidDeadline").WithSummary("Extend the bidding deadline of an open demand (its agency); never shortened")
            .Produces<DemandView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        open.MapGet("/{id:guid}/clarifications", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListClarifications(id), ct))
            .WithName("ListClarifications").WithSummary("A demand's clarifications, questions and answers visible to all bidders")
            .Produces<IReadOnlyList<ClarificationView>>().ProducesProblem(404);

        secured.MapPost("/{id:guid}/clarifications", (Guid id, ClarificationBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PublishClarification(id, b.Question, b.Answer), ct))
            .WithName("PublishClarification").WithSummary("Publish a clarification while bidding is open (its agency)")
            .Produces<ClarificationView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapGet("/{id:guid}/bids", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListDemandBids(id), ct))
            .WithName("ListDemandBids").WithSummary("A demand's bids, sealed until the deadline (bidders see their own)")
            .Produces<IReadOnlyList<BidView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        secured.MapPut("/{id:guid}/bids/mine", (Guid id, BidBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SubmitBid(id, b.Price, b.DeliveryDate, b.Accuracy, b.TeamSize, b.TechnicalSummary), ct))
            .WithName("SubmitBid").WithSummary("Submit or replace the caller's bid before the deadline (eligible enterprise). Accepts Idempotency-Key.")
            .Produces<BidReceipt>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        secured.MapDelete("/{id:guid}/bids/mine", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new WithdrawBid(id), ct))
            .WithName("WithdrawBid").WithSummary("Withdraw the caller's bid before the deadline (enterprise)")
            .Produces<BidReceipt>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        secured.MapPost("/{id:guid}/evaluation", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new EvaluateDemand(id), ct))
            .WithName("EvaluateDemand").WithSummary("Evaluate the bids of a closed demand by its method: eligibility again, scores, ranking (its agency; re-runnable until award)")
            .Produces<EvaluationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapGet("/{id:guid}/evaluation", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetEvaluation(id), ct))
            .WithName("GetEvaluation").WithSummary("A demand's ranking with the score breakdown (agency and regulators: all bids; a bidder: its own)")
            .Produces<EvaluationView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        secured.MapPost("/{id:guid}/award", async (Guid id, AwardBody b, IMediator mediator, CancellationToken ct) =>
            {
                var contract = await mediator.Send(new AwardDemand(id, b.BidId, b.Reason), ct);
                return Results.Created($"/api/v1/contracts/{contract.Id}", contract);
            })
            .WithName("AwardDemand").WithSummary("Award the demand to a bid and create the contract (its agency); a bid other than the top-ranked needs a reason")
            .Produces<Registry.Application.Contracts.ContractView>(201).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        secured.MapPost("/{id:guid}/unsuccessful", (Guid id, ReasonBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DeclareDemandUnsuccessful(id, b.Reason), ct))
            .WithName("DeclareDemandUnsuccessful").WithSummary("Declare an evaluated demand unsuccessful, with a reason (its agency)")
            .Produces<DemandView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGroup("/admin/jobs").WithTags("Administration").RequireAuthorization()
            .MapPost("/demand-closing", (IMediator mediator, CancellationToken ct) => mediator.Send(new CloseDueDemands(), ct))
            .WithName("CloseDueDemands").WithSummary("Close every open demand past its deadline now (admin); the job does this every minute")
            .Produces<int>().ProducesProblem(401).ProducesProblem(403);
        return api;
    }
}
