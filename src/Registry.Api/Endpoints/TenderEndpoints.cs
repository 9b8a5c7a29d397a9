using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Demands;

namespace Registry.Api.Endpoints;

/// <summary>Bidders' questions, the bid-opening record and the result notice: the transparency of a tender around its bids.</summary>
public static class TenderEndpoints
{
    public sealed record QuestionBody(string Question);

    public sealed record AnswerBody(string Answer, string? PublishedQuestion);

    public sealed record AmendmentBody(string Reason, string? Description, string? TaskSpecification, decimal? Volume, decimal? MinimumAccuracy,
        decimal? BudgetCeiling, Registry.Domain.Demands.EvaluationMethod? Evaluation, DateOnly? DueDate, DateTimeOffset? BidDeadline);

    public static RouteGroupBuilder MapTender(this RouteGroupBuilder api)
    {
        var questions = api.MapGroup("/demands/{id:guid}/questions").WithTags("Demands and bids").RequireAuthorization();

        questions.MapPost("/", AskQuestion)
            .WithName("AskQuestion")
            .WithSummary("Ask about an open demand's terms until the question period before the deadline ends (enterprise); the agency does not see who asked")
            .Produces<QuestionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);

        questions.MapGet("/", ListQuestions)
            .WithName("ListQuestions")
            .WithSummary("A demand's bidders' questions: all without askers for its agency, with askers for the regulators of its region, one's own for an enterprise")
            .Produces<IReadOnlyList<QuestionView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        questions.MapPost("/{questionId:guid}/answer", AnswerQuestion)
            .WithName("AnswerQuestion")
            .WithSummary("Answer a question while bidding is open; question and answer are published to everyone as a clarification without the asker (its agency)")
            .Produces<QuestionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        var demands = api.MapGroup("/demands/{id:guid}").WithTags("Demands and bids");
        demands.MapGet("/opening", GetBidOpening).RequireAuthorization()
            .WithName("GetBidOpening")
            .WithSummary("The bid-opening record once bidding has closed: who bid, when, at what price (its agency, the regulators of its region, every bidder opened)")
            .Produces<BidOpeningView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        demands.MapPost("/amendments", AmendDemand).RequireAuthorization()
            .WithName("AmendDemand")
            .WithSummary("Amend an open demand's terms with a reason (its agency); every live bid needs confirmation; the deadline moves out to leave the notice period. Requires If-Match.")
            .Produces<AmendmentView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422);
        demands.MapGet("/amendments", ListAmendments).AllowAnonymous()
            .WithName("ListAmendments").WithSummary("A published demand's amendment history, oldest first (anyone)")
            .Produces<IReadOnlyList<AmendmentView>>().ProducesProblem(404);
        demands.MapPost("/bids/mine/confirm", ConfirmBid).RequireAuthorization()
            .WithName("ConfirmBid").WithSummary("Confirm one's bid under the amended terms while bidding is open (enterprise)")
            .Produces<BidReceipt>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        demands.MapGet("/result", GetResultNotice).AllowAnonymous()
            .WithName("GetResultNotice")
            .WithSummary("The result notice (中标结果公示) of an awarded demand: winner, price, ranking and scores, publicity period (anyone)")
            .Produces<ResultNoticeView>().ProducesProblem(404);
        return api;
    }

    static async Task<Ok<AmendmentView>> AmendDemand(Guid id, AmendmentBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AmendDemand(id, Http.IfMatch(http.Request), b.Reason, b.Description, b.TaskSpecification, b.Volume,
            b.MinimumAccuracy, b.BudgetCeiling, b.Evaluation, b.DueDate, b.BidDeadline), ct));

    static async Task<Ok<IReadOnlyList<AmendmentView>>> ListAmendments(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAmendments(id), ct));

    static async Task<Ok<BidReceipt>> ConfirmBid(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ConfirmBid(id), ct));

    static async Task<Ok<BidOpeningView>> GetBidOpening(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetBidOpening(id), ct));

    static async Task<Ok<ResultNoticeView>> GetResultNotice(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetResultNotice(id), ct));

    static async Task<Ok<QuestionView>> AskQuestion(Guid id, QuestionBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AskQuestion(id, b.Question), ct));

    static async Task<Ok<IReadOnlyList<QuestionView>>> ListQuestions(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListQuestions(id), ct));

    static async Task<Ok<QuestionView>> AnswerQuestion(Guid id, Guid questionId, AnswerBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AnswerQuestion(id, questionId, b.Answer, b.PublishedQuestion), ct));
}
