using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Demands;
using Registry.Domain.Events;

namespace Registry.Application.Demands;

/// <summary>Writes a bid's transition (<see cref="BidLifecycle"/>) and publishes its event, guarded by the state it was decided in.</summary>
internal static class BidTransitions
{
    public static async Task ApplyAsync<TEvent>(IWriteDb db, IOutbox outbox, BidState bid, Changed<TEvent> change, DateTimeOffset now, CancellationToken ct)
        where TEvent : IDomainEvent
    {
        // The demand's row is held by the caller, so the bid cannot have moved; a miss is a race the command must not hide.
        if (await db.ExecuteAsync(BidSql.StatusSql, new { id = bid.BidId, change.Status, from = bid.Status, now }, ct) == 0)
            throw new InvalidTransitionException("bid", "changed meanwhile", change.Status);
        outbox.Publish(change.Event);
    }
}
