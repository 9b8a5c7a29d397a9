using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>
/// Closes every open demand whose deadline has passed, one demand per transaction (<see cref="CloseDemand"/>), so that bidders
/// on other demands never wait for the whole run. Safe to run twice or on two instances at once. Answers how many it closed.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record CloseDueDemands : ISteppedCommand<int>;

internal sealed class CloseDueDemandsHandler(IReadDb db, IMediator mediator, TimeProvider clock) : IRequestHandler<CloseDueDemands, int>
{
    public async Task<int> Handle(CloseDueDemands c, CancellationToken ct)
    {
        var due = await db.QueryAsync<Guid>(DueSql, new { now = clock.GetUtcNow() }, ct);
        var closed = 0;
        foreach (var id in due)
        {
            try
            {
                await mediator.Send(new CloseDemand(id), ct);
                closed++;
            }
            catch (InvalidTransitionException)
            {
                // Closed meanwhile by another run (or its deadline extended): nothing was written, the next demand is due.
            }
        }
        return closed;
    }

    private static readonly Sql DueSql = new($"select id from demands where status = 'open' and bid_deadline <= @now and not ({Challenges.Suspensions.InForce}) order by bid_deadline");
}
