using Microsoft.EntityFrameworkCore;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Identity;

/// <summary>OpenIddict's stores (applications, authorizations, scopes, tokens), on the same database as the registry.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString),
            _ => builder.UseSqlite(connectionString),
        };
        builder.UseOpenIddict();
    }

    /// <summary>The DDL of OpenIddict's tables for a provider, generated from the EF Core model without a connection.</summary>
    public static string CreateScript(DatabaseProvider provider)
    {
        var placeholder = provider switch
        {
            DatabaseProvider.PostgreSql => "Host=localhost",
            DatabaseProvider.SqlServer => "Server=(none)",
            _ => "Data Source=:memory:",
        };
        var builder = new DbContextOptionsBuilder<IdentityDbContext>();
        Configure(builder, provider, placeholder);
        using var context = new IdentityDbContext(builder.Options);
        return context.Database.GenerateCreateScript();
    }
}
