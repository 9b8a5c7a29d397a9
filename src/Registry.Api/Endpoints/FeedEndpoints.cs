using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Feed;

namespace Registry.Api.Endpoints;

public static class FeedEndpoints
{
    public sealed record ReadFeedQuery([FromQuery(Name = "after")] string? After, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "wait")] int? Wait, [FromQuery(Name = "region")] string? Region);

    public static RouteGroupBuilder MapFeed(this RouteGroupBuilder api)
    {
        api.MapGroup("/feed").WithTags("One network").AllowAnonymous()
            .MapGet("/", ReadFeed)
            .WithName("ReadFeed")
            .WithSummary("The change feed: every public event after the cursor, in commit order; wait=1..30 holds an empty answer until something commits; region=a province or city reads that region's slice (anyone)")
            .Produces<FeedPage>().ProducesValidationProblem();
        return api;
    }

    static async Task<Ok<FeedPage>> ReadFeed([AsParameters] ReadFeedQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Feed.ReadFeed(q.After, q.Limit ?? Application.Feed.ReadFeed.DefaultLimit, q.Wait ?? 0, q.Region), ct));
}
