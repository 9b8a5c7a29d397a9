using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Events;

namespace Registry.Application.Alerts;

/// <summary>One step of an alert's lifecycle (<see cref="AlertLifecycle"/>), as every step is taken: by a regulator of its region, at the version it read.</summary>
internal static class AlertWrites
{
    public static async Task<AlertView> StepAsync<TEvent>(IWriteDb db, IOutbox outbox, ICaller caller, Guid id, long expectedVersion,
        Func<AlertState, Changed<TEvent>> step, string? note, DateTimeOffset now, CancellationToken ct) where TEvent : IDomainEvent
    {
        var alert = await AlertReads.SeenAsync(db, caller, id, ct);
        caller.Require(VisibleItem.Alert(alert.RegionCode), Act.AsSupervisor, "alert", id, "Only the regulators of the alert's region work it.");
        PreconditionFailed.ThrowIfStale("alert", alert.Version, expectedVersion);
        var changed = step(new AlertState(alert.Id, alert.Type, alert.RegionCode, alert.Status));
        var stored = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (await db.ExecuteAsync(StepSql, new { id, changed.Status, note = stored, now, version = alert.Version }, ct) == 0)
            throw new PreconditionFailed("The alert changed while this request was being handled. Read it again.");
        outbox.Publish(changed.Event);
        return await AlertReads.SeenAsync(db, caller, id, ct);
    }

    private static readonly Sql StepSql = new("""
        update alerts set status = @status, status_note = @note, acted_at = @now, row_version = row_version + 1
        where id = @id and row_version = @version
        """);
}
