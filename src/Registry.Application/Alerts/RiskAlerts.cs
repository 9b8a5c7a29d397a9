using Registry.Application.Common;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>A risk alert (风险预警) to raise: what it is about, for which region, and the key that raises it only once.</summary>
internal sealed record RiskAlert(string Type, string Key, string RegionCode, string EntityType, string EntityId, string Message);

/// <summary>Raises risk alerts (风险预警) for the regulators of a region, inside the command's transaction.</summary>
internal sealed class RiskAlerts(IWriteDb db, IOutbox outbox)
{
    /// <summary>Raises the alert once per <see cref="RiskAlert.Key"/>; false when an alert with that key already exists.</summary>
    public async Task<bool> RaiseAsync(RiskAlert alert, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ScalarAsync<int>(ExistsSql, new { key = alert.Key }, ct) > 0) return false;
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(RaiseSql, new
        {
            id, type = alert.Type, key = alert.Key, regionCode = alert.RegionCode, entityType = alert.EntityType, entityId = alert.EntityId,
            message = alert.Message, status = "open", now,
        }, ct);
        outbox.Publish(new AlertRaised(id, alert.Type, alert.RegionCode, alert.EntityType, alert.EntityId));
        return true;
    }

    private static readonly Sql ExistsSql = new("select count(*) from alerts where dedupe_key = @key");
    private static readonly Sql RaiseSql = new("""
        insert into alerts (id, type, dedupe_key, region_code, entity_type, entity_id, message, status, raised_at)
        values (@id, @type, @key, @regionCode, @entityType, @entityId, @message, @status, @now)
        """);
}
