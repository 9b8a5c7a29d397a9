using FluentMigrator;
using Registry.Infrastructure.Identity;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// OpenIddict's EF Core tables, created from the EF model's own DDL for the target provider so that they match the
/// stores exactly, inside the one migration history of the registry.
/// </summary>
[Migration(202611231010, "OpenIddict tables")]
public sealed class M202611231010_CreateOpenIddictTables : RegistryMigration
{
    public override void Up() => Execute.Sql(IdentityDbContext.CreateScript(Provider));

    public override void Down()
    {
        Delete.Table("OpenIddictTokens");
        Delete.Table("OpenIddictAuthorizations");
        Delete.Table("OpenIddictScopes");
        Delete.Table("OpenIddictApplications");
    }
}
