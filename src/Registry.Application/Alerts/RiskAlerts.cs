using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>
/// A risk alert (风险预警) to raise: its rule (type), the key that raises it only once, the region whose regulators see it, its
/// subject (entity type, id and a name to show), the message in English and Chinese, and the evidence (figures and links) as an
/// object serialised to JSON.
/// </summary>
internal sealed record RiskAlert(string Type, string Key, string RegionCode, string EntityType, string EntityId, string SubjectName,
    string Message, string MessageZh, object? Evidence = null);

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
            id, type = alert.Type, key = alert.Key, severity = AlertTypes.SeverityOf(alert.Type), regionCode = alert.RegionCode,
            entityType = alert.EntityType, entityId = alert.EntityId, subjectName = Clip(alert.SubjectName, 300),
            message = Clip(alert.Message, 1000), messageZh = Clip(alert.MessageZh, 1000),
            evidence = JsonSerializer.Serialize(alert.Evidence ?? new { }, Ledger.Json), status = AlertStatus.Open, now,
        }, ct);
        outbox.Publish(new AlertRaised(id, alert.Type, alert.RegionCode, alert.EntityType, alert.EntityId));
        return true;
    }

    // Messages quote names and reasons people typed; the figures that matter are in the evidence, which is never cut.
    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static readonly Sql ExistsSql = new("select count(*) from alerts where dedupe_key = @key");
    private static readonly Sql RaiseSql = new("""
        insert into alerts (id, type, dedupe_key, severity, region_code, entity_type, entity_id, subject_name, message, message_zh, evidence,
            status, status_note, raised_at, acted_at, row_version)
        values (@id, @type, @key, @severity, @regionCode, @entityType, @entityId, @subjectName, @message, @messageZh, @evidence,
            @status, null, @now, null, 1)
        """);
}
