using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Sign-in throttling per username and client network (docs/access.md): one row per pair that failed recently, replacing
/// the account-wide lock that anyone could trigger. <c>users.failed_attempts</c> and <c>users.locked_until</c> are no longer read.
/// </summary>
[Migration(202612011440, "Access: sign-in throttles per username and client network")]
public sealed class M202612011440_AddSignInThrottles : RegistryMigration
{
    public override void Up()
    {
        // Unknown usernames get rows too, so an answer never tells whether a username exists: no foreign key to users.
        Create.Table("sign_in_throttles")
            .WithColumn("username").AsString(64).NotNullable().PrimaryKey("pk_sign_in_throttles")
            .WithColumn("client_network").AsString(64).NotNullable().PrimaryKey("pk_sign_in_throttles")
            .WithColumn("failed_attempts").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("blocked_until").AsTimestamp(this).Nullable()
            .WithColumn("last_failed_at").AsTimestamp(this).Nullable()
            .WithColumn("last_attempt_at").AsTimestamp(this).NotNullable();
    }

    public override void Down() => Delete.Table("sign_in_throttles");
}
