using System.Data;
using Dapper;
using FluentMigrator;
using Registry.Application.Common;
using Registry.Domain.Alerts;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Risk alerts become work for regulators: a severity per rule, a subject's display name, evidence (JSON), a Chinese message beside
/// the English one, the lifecycle's note and time, and a row version for If-Match. Existing alerts take their rule's severity,
/// empty evidence, their English message in both languages and their subject's name where the subject still exists.
/// </summary>
[Migration(202612020300, "Alerts: severity, subject, evidence, lifecycle")]
public sealed class M202612020300_WorkRiskAlerts : RegistryMigration
{
    public override void Up()
    {
        Alter.Table("alerts")
            .AddColumn("severity").AsString(20).NotNullable().WithDefaultValue(AlertSeverity.Warning)
            .AddColumn("subject_name").AsString(300).NotNullable().WithDefaultValue("")
            .AddColumn("message_zh").AsString(1000).NotNullable().WithDefaultValue("")
            .AddColumn("evidence").AsString(int.MaxValue).NotNullable().WithDefaultValue("{}")
            .AddColumn("status_note").AsString(AlertLifecycle.NoteLength).Nullable()
            .AddColumn("acted_at").AsAlteredTimestamp(this).Nullable()
            .AddColumn("row_version").AsInt64().NotNullable().WithDefaultValue(1);

        foreach (var type in AlertTypes.All)
            Update.Table("alerts").Set(new { severity = AlertTypes.SeverityOf(type) }).Where(new { type });
        Execute.Sql("update alerts set message_zh = message");
        Execute.Sql("update alerts set subject_name = entity_id");
        Execute.WithConnection(NameSubjects);

        Create.Index("ix_alerts_region_raised").OnTable("alerts").OnColumn("region_code").Ascending().OnColumn("raised_at").Descending();
        Create.Index("ix_alerts_status_raised").OnTable("alerts").OnColumn("status").Ascending().OnColumn("raised_at").Descending();

        // Refused bids above the enterprise's grade or clearance, counted for the bid_above_standing rule.
        Create.Table("refused_bids")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_refused_bids_enterprise", "organizations", "id")
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_refused_bids_demand", "demands", "id")
            .WithColumn("code").AsString(40).NotNullable()
            .WithColumn("reason").AsString(1000).NotNullable()
            .WithColumn("attempted_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_refused_bids_enterprise").OnTable("refused_bids").OnColumn("enterprise_id").Ascending().OnColumn("attempted_at").Ascending();
    }

    // entity_id is text and the subjects' ids are uuids: compared in C# rather than by a cast each provider spells differently.
    private static void NameSubjects(IDbConnection connection, IDbTransaction transaction)
    {
        var dialect = Dialects.Of(connection);
        foreach (var alert in connection.Query<AlertRow>(AlertsSql.For(dialect), transaction: transaction).AsList())
        {
            if (!Guid.TryParse(alert.EntityId, out var id) || !NameSql.TryGetValue(alert.EntityType, out var sql)) continue;
            var name = connection.QuerySingleOrDefault<string>(sql.For(dialect), SqlParameters.Of(new { id }), transaction);
            if (name is not null)
                connection.Execute(UpdateSql.For(dialect), SqlParameters.Of(new { alert.Id, name = name.Length <= 300 ? name : name[..300] }), transaction);
        }
    }

    private sealed class AlertRow
    {
        public Guid Id { get; init; }
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
    }

    private static readonly Sql AlertsSql = new("select id, entity_type, entity_id from alerts");
    private static readonly Sql UpdateSql = new("update alerts set subject_name = @name where id = @id");
    private static readonly Dictionary<string, Sql> NameSql = new()
    {
        ["demand"] = new("select title from demands where id = @id"),
        ["contract"] = new("select number from contracts where id = @id"),
        ["certificate"] = new("select number from certificates where id = @id"),
    };

    public override void Down()
    {
        Delete.Table("refused_bids");
        Delete.Index("ix_alerts_status_raised").OnTable("alerts");
        Delete.Index("ix_alerts_region_raised").OnTable("alerts");
        foreach (var column in new[] { "severity", "subject_name", "message_zh", "evidence", "status_note", "acted_at", "row_version" })
            Delete.Column(column).FromTable("alerts");
    }
}
