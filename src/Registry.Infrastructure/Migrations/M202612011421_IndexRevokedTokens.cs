using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Every API instance reads the revoked, unexpired access tokens of OpenIddict's token store every few seconds; the store
/// holds a row per token ever issued, so that read goes through an index on status, type and expiry.
/// </summary>
[Migration(202612011421, "OpenIddict tokens: index of revoked tokens by expiry")]
public sealed class M202612011421_IndexRevokedTokens : RegistryMigration
{
    public override void Up() =>
        Create.Index("ix_openiddict_tokens_status_type_expiration").OnTable("OpenIddictTokens")
            .OnColumn("Status").Ascending().OnColumn("Type").Ascending().OnColumn("ExpirationDate").Ascending();

    public override void Down() => Delete.Index("ix_openiddict_tokens_status_type_expiration").OnTable("OpenIddictTokens");
}
