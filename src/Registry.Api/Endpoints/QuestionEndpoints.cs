using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Demands;

namespace Registry.Api.Endpoints;

public static class QuestionEndpoints
{
    public sealed record QuestionBody(string Question);

    public sealed record AnswerBody(string Answer, string? PublishedQuestion);

    public static RouteGroupBuilder MapQuestions(this RouteGroupBuilder api)
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
        return api;
    }

    static async Task<Ok<QuestionView>> AskQuestion(Guid id, QuestionBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AskQuestion(id, b.Question), ct));

    static async Task<Ok<IReadOnlyList<QuestionView>>> ListQuestions(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListQuestions(id), ct));

    static async Task<Ok<QuestionView>> AnswerQuestion(Guid id, Guid questionId, AnswerBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AnswerQuestion(id, questionId, b.Answer, b.PublishedQuestion), ct));
}
