using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Invitations to bid: the agency of an open demand invites chosen enterprises, at most once each. Read by the agency, its
/// regulators and the invitee only: who was invited is who may bid, which stays sealed.
/// </summary>
[Migration(202612020110, "Demand invitations")]
public sealed class M202612020110_CreateDemandInvitations : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demand_invitations")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_demand_invitations_demand", "demands", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_demand_invitations_enterprise", "organizations", "id")
            .WithColumn("message").AsString(1000).Nullable()
            .WithColumn("invited_at").AsTimestamp(this).NotNullable();
        // One invitation per demand and enterprise: a concurrent second one loses on this index and is answered the first.
        Create.Index("ux_demand_invitations_demand_enterprise").OnTable("demand_invitations")
            .OnColumn("demand_id").Ascending().OnColumn("enterprise_id").Ascending().WithOptions().Unique();
        Create.Index("ix_demand_invitations_enterprise").OnTable("demand_invitations")
            .OnColumn("enterprise_id").Ascending().OnColumn("invited_at").Descending();
    }

    public override void Down() => Delete.Table("demand_invitations");
}
