using Registry.Application.Common;

namespace Registry.Application.Alerts;

/// <summary>Raises risk alerts (风险预警) for the regulators of a region, inside the command's transaction.</summary>
internal static class RiskAlerts
{
    /// <summary>Raises the alert once per <paramref name="key"/>; false when an alert with that key already exists.</summary>
    public static async Task<bool> RaiseAsync(IWriteDb db, IOutbox outbox, string type, string key, string regionCode, string entityType,
        string entityId, string message, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ScalarAsync<int>(ExistsSql, new { key }, ct) > 0) return false;
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(RaiseSql, new { id, type, key, regionCode, entityType, entityId, message, status = "open", now }, ct);
        outbox.Publish(new OutboxEvent("alert.raised", "alert", id.ToString(), new { id, type, entityType, entityId }));
        return true;
    }

    private static readonly Sql ExistsSql = new("select count(*) from alerts where dedupe_key = @key");
    private static readonly Sql RaiseSql = new("""
        insert into alerts (id, type, dedupe_key, region_code, entity_type, entity_id, message, status, raised_at)
        values (@id, @type, @key, @regionCode, @entityType, @entityId, @message, @status, @now)
        """);
}
