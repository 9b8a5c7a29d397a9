using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Each organization's inbox: the notices the <c>inbox</c> projection derives from the outbox (one per event and recipient),
/// with the time the organization marked it read.
/// </summary>
[Migration(202612020830, "Inbox notices")]
public sealed class M202612020830_CreateInbox : RegistryMigration
{
    public override void Up()
    {
        Create.Table("inbox_notices")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("organization_id").AsGuid().NotNullable()
            .WithColumn("kind").AsString(40).NotNullable()
            .WithColumn("subject_type").AsString(40).NotNullable()
            .WithColumn("subject_id").AsString(60).NotNullable()
            .WithColumn("title_zh").AsString(400).NotNullable()
            .WithColumn("title_en").AsString(400).NotNullable()
            .WithColumn("link").AsString(200).NotNullable()
            .WithColumn("event_seq").AsInt64().NotNullable()
            .WithColumn("occurred_at").AsTimestamp(this).NotNullable()
            .WithColumn("read_at").AsTimestamp(this).Nullable();
        Create.Index("ux_inbox_notices_event").OnTable("inbox_notices").OnColumn("event_seq").Ascending().OnColumn("organization_id").Ascending()
            .WithOptions().Unique();
        Create.Index("ix_inbox_notices_organization").OnTable("inbox_notices").OnColumn("organization_id").Ascending().OnColumn("event_seq").Descending();
    }

    public override void Down() => Delete.Table("inbox_notices");
}
