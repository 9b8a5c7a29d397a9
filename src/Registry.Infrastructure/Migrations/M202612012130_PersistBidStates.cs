using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// A bid's row carries its whole state (BidLifecycle: live, withdrawn, eligible, ineligible, won, lost); before, a bid stayed
/// "live" after closing and its fate was read from the eligibility flag and the contract. Existing bids are moved to the
/// state those facts imply. The eligibility flag stays: it is the closing's (or the last evaluation's) finding.
/// </summary>
[Migration(202612012130, "Bids: persisted states")]
public sealed class M202612012130_PersistBidStates : RegistryMigration
{
    public override void Up()
    {
        Update.Table("bids").Set(new { status = "eligible" }).Where(new { status = "live", eligible = true });
        Update.Table("bids").Set(new { status = "ineligible" }).Where(new { status = "live", eligible = false });
        Execute.Sql("update bids set status = 'won' where id in (select bid_id from contracts)");
        Execute.Sql("""
            update bids set status = 'lost'
            where status in ('eligible', 'ineligible')
              and demand_id in (select id from demands where status in ('awarded', 'in_delivery', 'completed', 'terminated', 'unsuccessful'))
            """);
        Execute.Sql("""
            update bids set status = 'lost'
            where status in ('live', 'eligible', 'ineligible') and demand_id in (select id from demands where status = 'cancelled')
            """);
        Create.Index("ix_bids_demand_status").OnTable("bids").OnColumn("demand_id").Ascending().OnColumn("status").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_bids_demand_status").OnTable("bids");
        Execute.Sql("update bids set status = 'live' where status in ('eligible', 'ineligible', 'won', 'lost')");
    }
}
