using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Matching;

namespace Registry.Api.Endpoints;

public static class MatchingEndpoints
{
    public static RouteGroupBuilder MapMatching(this RouteGroupBuilder api)
    {
        var matching = api.MapGroup("").WithTags("Matching").RequireAuthorization();

        matching.MapGet("/demands/{id:guid}/matches", GetDemandMatches)
            .WithName("GetDemandMatches")
            .WithSummary("The suppliers that could do a demand, ranked with the score breakdown, and the near-misses with the one rule each misses (its agency, drafts too; regulators of its region)")
            .Produces<DemandMatchesView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        matching.MapGet("/enterprises/{id:guid}/recommended-demands", GetRecommendedDemands)
            .WithName("GetRecommendedDemands")
            .WithSummary("The open demands an enterprise may bid on, ranked, and its gap advice: demands missed by one rule, grouped by rule with count and budget (the enterprise; regulators of its region)")
            .Produces<RecommendedDemandsView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        return api;
    }

    static async Task<Ok<DemandMatchesView>> GetDemandMatches(Guid id, [FromQuery(Name = "top")] int? top, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetDemandMatches(id, top ?? MatchLimits.DefaultTop), ct));

    static async Task<Ok<RecommendedDemandsView>> GetRecommendedDemands(Guid id, [FromQuery(Name = "top")] int? top, IMediator mediator,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetRecommendedDemands(id, top ?? MatchLimits.DefaultTop), ct));
}
