using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// OCDS open data's own numbering: one row per release (a public event of a published demand, its award or its contract),
/// numbered 1, 2, 3 … in commit order by the <c>ocds-releases</c> projection, with the demand it belongs to so a record
/// finds its releases. A crawler's cursor is that position.
/// </summary>
[Migration(202612020700, "OCDS release positions")]
public sealed class M202612020700_CreateOcdsReleases : RegistryMigration
{
    public override void Up()
    {
        Create.Table("ocds_releases")
            .WithColumn("position").AsInt64().PrimaryKey()
            .WithColumn("seq").AsInt64().NotNullable()
            .WithColumn("demand_id").AsGuid().NotNullable();
        Create.Index("ux_ocds_releases_seq").OnTable("ocds_releases").OnColumn("seq").Ascending().WithOptions().Unique();
        Create.Index("ix_ocds_releases_demand").OnTable("ocds_releases").OnColumn("demand_id").Ascending().OnColumn("position").Ascending();
    }

    public override void Down() => Delete.Table("ocds_releases");
}
