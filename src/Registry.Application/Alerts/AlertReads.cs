using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>A risk alert (风险预警) raised for a region, as regulators read and work it.</summary>
public sealed record AlertView
{
    public required Guid Id { get; init; }
    /// <summary>The rule that raised it (<c>bid_rotation</c>, ...): docs/monitoring.md lists them.</summary>
    public required string Type { get; init; }
    /// <summary><c>info</c>, <c>warning</c> or <c>high</c>, by rule.</summary>
    public required string Severity { get; init; }
    public required string RegionCode { get; init; }
    /// <summary>The subject: what the alert is about (<c>demand</c>, <c>contract</c>, <c>certificate</c>, <c>enterprise</c>, <c>bidder_group</c>).</summary>
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    /// <summary>The subject's name to show (a demand's title, a contract's number, an enterprise's name).</summary>
    public required string SubjectName { get; init; }
    /// <summary>The message in the request's language: Chinese when Accept-Language asks for it, English otherwise.</summary>
    public required string Message { get; init; }
    /// <summary>The message in English, whatever the request's language.</summary>
    public required string MessageEn { get; init; }
    /// <summary>The message in Chinese, whatever the request's language.</summary>
    public required string MessageZh { get; init; }
    /// <summary>The figures and links that made the rule fire; <c>{}</c> for alerts raised before evidence was kept.</summary>
    public required JsonElement Evidence { get; init; }
    /// <summary><c>open</c>, <c>acknowledged</c>, <c>resolved</c> or <c>dismissed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>The note of the last step: an acknowledgement's optional note, a resolution's note, a dismissal's reason.</summary>
    public string? StatusNote { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    /// <summary>When a regulator last moved it; null while open.</summary>
    public DateTimeOffset? ActedAt { get; init; }
    /// <summary>The row version, also the ETag that a lifecycle step sends back as If-Match.</summary>
    public required long Version { get; init; }
}

/// <summary>How the alert use cases read alerts: one view, one visibility rule (the supervisors of the alert's region).</summary>
internal static class AlertReads
{
    public const string Select = """
        select a.id, a.type, a.severity, a.region_code, a.entity_type, a.entity_id, a.subject_name, a.message, a.message_zh, a.evidence,
            a.status, a.status_note, a.raised_at, a.acted_at, a.row_version
        from alerts a
        """;

    private static readonly Sql ByIdSql = new($"{Select} where a.id = @id");

    /// <summary>The alert if the caller supervises its region; otherwise, as if it did not exist, 404.</summary>
    public static async Task<AlertView> SeenAsync(IQueryDb db, ICaller caller, Guid id, CancellationToken ct)
    {
        var alert = (await db.QuerySingleOrDefaultAsync<AlertRow>(ByIdSql, new { id }, ct))?.ToView() ?? throw new NotFound("alert", id);
        caller.RequireSeen(VisibleItem.Alert(alert.RegionCode), "alert", id);
        return alert;
    }

    public static async Task<Page<AlertView>> PageAsync(IQueryDb db, Sql countSql, Sql pageSql, object filter, IPaged paging, CancellationToken ct)
    {
        var page = await db.PageAsync<AlertRow>(countSql, pageSql, filter, paging, ct);
        return new Page<AlertView>([.. page.Items.Select(r => r.ToView())], page.Total, page.PageNumber, page.PageSize);
    }

    internal sealed class AlertRow
    {
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public string Severity { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string SubjectName { get; init; } = "";
        public string Message { get; init; } = "";
        public string MessageZh { get; init; } = "";
        public string Evidence { get; init; } = "{}";
        public string Status { get; init; } = "";
        public string? StatusNote { get; init; }
        public DateTimeOffset RaisedAt { get; init; }
        public DateTimeOffset? ActedAt { get; init; }
        public long RowVersion { get; init; }

        public AlertView ToView()
        {
            using var evidence = JsonDocument.Parse(Evidence);
            return new AlertView
            {
                Id = Id, Type = Type, Severity = Severity, RegionCode = RegionCode, EntityType = EntityType, EntityId = EntityId,
                SubjectName = SubjectName, Message = Texts.IsChinese ? MessageZh : Message, MessageEn = Message, MessageZh = MessageZh, Evidence = evidence.RootElement.Clone(), Status = Status,
                StatusNote = StatusNote, RaisedAt = RaisedAt, ActedAt = ActedAt, Version = RowVersion,
            };
        }
    }
}
