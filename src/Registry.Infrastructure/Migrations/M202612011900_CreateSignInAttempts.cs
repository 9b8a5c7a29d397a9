using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The sign-in attempts log (docs/security.md): who, from where, with what outcome, when. Sign-in is not a ledger command:
/// attempts are kept here, outside the hash-chained audit log, and purged after the retention period (docs/operations.md).
/// </summary>
[Migration(202612011900, "Access: sign_in_attempts log")]
public sealed class M202612011900_CreateSignInAttempts : RegistryMigration
{
    public override void Up()
    {
        // Unknown usernames are logged as typed: no foreign key to users; user_id is set when the username exists.
        Create.Table("sign_in_attempts")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_sign_in_attempts")
            .WithColumn("attempted_at").AsTimestamp(this).NotNullable()
            .WithColumn("username").AsString(64).NotNullable()
            .WithColumn("user_id").AsGuid().Nullable()
            .WithColumn("client_address").AsString(64).Nullable()
            .WithColumn("client_network").AsString(64).NotNullable()
            .WithColumn("outcome").AsString(30).NotNullable();
        Create.Index("ix_sign_in_attempts_attempted_at").OnTable("sign_in_attempts").OnColumn("attempted_at");
        Create.Index("ix_sign_in_attempts_username").OnTable("sign_in_attempts").OnColumn("username").Ascending().OnColumn("attempted_at").Ascending();
    }

    public override void Down() => Delete.Table("sign_in_attempts");
}
