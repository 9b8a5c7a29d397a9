using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Challenges;

namespace Registry.Api.Endpoints;

/// <summary>Challenges (质疑) to the agency and complaints (投诉) to the regulators, with the regulators' suspension and decision.</summary>
public static class ChallengeEndpoints
{
    public sealed record FileChallengeBody(string Kind, string Grounds, string? Evidence);

    public sealed record AnswerChallengeBody(string Answer, bool Upheld);

    public sealed record FileComplaintBody(string Grounds);

    public sealed record SuspendDemandBody(string Reason);

    public sealed record DecideComplaintBody(bool Upheld, string Reasoning);

    public static RouteGroupBuilder MapChallenges(this RouteGroupBuilder api)
    {
        var ofDemand = api.MapGroup("/demands/{id:guid}/challenges").WithTags("Challenges and complaints").RequireAuthorization();
        ofDemand.MapPost("/", FileChallenge)
            .WithName("FileChallenge")
            .WithSummary("Challenge a demand's terms while bidding is open, or its result during the publicity after the award if one's bid was opened (enterprise)")
            .Produces<ChallengeView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);
        ofDemand.MapGet("/", ListChallenges)
            .WithName("ListChallenges")
            .WithSummary("A demand's challenges and complaints: all for its agency and the regulators of its region, one's own for an enterprise")
            .Produces<IReadOnlyList<ChallengeView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        var challenges = api.MapGroup("/challenges").WithTags("Challenges and complaints").RequireAuthorization();
        challenges.MapGet("/{id:guid}", GetChallenge)
            .WithName("GetChallenge").WithSummary("One challenge with its answer and complaint (the challenger, the agency, the regulators of the demand's region)")
            .Produces<ChallengeView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        challenges.MapPost("/{id:guid}/answer", AnswerChallenge)
            .WithName("AnswerChallenge").WithSummary("Answer a challenge, upheld or not, within the answer period (the demand's agency)")
            .Produces<ChallengeView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        challenges.MapPost("/{id:guid}/complaint", FileComplaint)
            .WithName("FileComplaint")
            .WithSummary("Complain to the regulators of the demand's region after the answer or its deadline, within the complaint period (the challenger)")
            .Produces<ChallengeView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(422);

        var complaints = api.MapGroup("/complaints").WithTags("Challenges and complaints").RequireAuthorization();
        complaints.MapPost("/{id:guid}/suspend", SuspendDemand)
            .WithName("SuspendDemand")
            .WithSummary("Suspend the demand's procurement while the complaint is handled: no closing, evaluation, award or delivery step (regulators of its region)")
            .Produces<ChallengeView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        complaints.MapPost("/{id:guid}/decision", DecideComplaint)
            .WithName("DecideComplaint")
            .WithSummary("Decide the complaint, upheld (the agency redoes the step) or dismissed; lifts the suspension (regulators of the demand's region)")
            .Produces<ChallengeView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGroup("/admin/jobs").WithTags("Administration").RequireAuthorization()
            .MapPost("/challenge-deadlines", RaiseOverdueChallengeAlerts)
            .WithName("RaiseOverdueChallengeAlerts")
            .WithSummary("Raise an alert for each challenge unanswered past its deadline now (admin); the job does this every hour")
            .Produces<int>().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Created<ChallengeView>> FileChallenge(Guid id, FileChallengeBody b, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Challenges.FileChallenge(id, b.Kind, b.Grounds, b.Evidence), ct);
        return TypedResults.Created($"/api/v1/challenges/{view.Id}", view);
    }

    static async Task<Ok<IReadOnlyList<ChallengeView>>> ListChallenges(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.ListChallenges(id), ct));

    static async Task<Ok<ChallengeView>> GetChallenge(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.GetChallenge(id), ct));

    static async Task<Ok<ChallengeView>> AnswerChallenge(Guid id, AnswerChallengeBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.AnswerChallenge(id, b.Answer, b.Upheld), ct));

    static async Task<Created<ChallengeView>> FileComplaint(Guid id, FileComplaintBody b, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Challenges.FileComplaint(id, b.Grounds), ct);
        return TypedResults.Created($"/api/v1/challenges/{view.Id}", view);
    }

    static async Task<Ok<ChallengeView>> SuspendDemand(Guid id, SuspendDemandBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.SuspendDemand(id, b.Reason), ct));

    static async Task<Ok<ChallengeView>> DecideComplaint(Guid id, DecideComplaintBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.DecideComplaint(id, b.Upheld, b.Reasoning), ct));

    static async Task<Ok<int>> RaiseOverdueChallengeAlerts(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Challenges.RaiseOverdueChallengeAlerts(), ct));
}
