using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// A suspension during a complaint lasts at most <c>Bidding:MaxSuspension</c> (《政府采购法》第五十七条: up to 30 days): the instant
/// it ends by itself. Suspensions made before this have none and last until the decision, as they were announced.
/// </summary>
[Migration(202612021210, "Suspensions end by themselves")]
public sealed class M202612021210_CapSuspensions : RegistryMigration
{
    public override void Up() => Alter.Table("demands").AddColumn("suspended_until").AsAlteredTimestamp(this).Nullable();

    public override void Down() => Delete.Column("suspended_until").FromTable("demands");
}
