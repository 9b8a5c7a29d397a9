using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Application.Common;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Identity;
using Registry.Infrastructure.ReferenceData;

namespace Registry.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Reads <c>Database:*</c> and <c>ConnectionStrings:*</c>; with nothing configured, SQLite in the data folder.</summary>
    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration, string contentRoot)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        options.Primary = configuration.GetConnectionString("Primary");
        options.ReadOnly = configuration.GetConnectionString("ReadOnly");
        if (string.IsNullOrWhiteSpace(options.Primary))
        {
            if (options.Provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"Database:Provider is {options.Provider} but ConnectionStrings:Primary is empty.");
            options.Primary = ConnectionFactory.DefaultSqlite(Path.Combine(contentRoot, options.DataFolder));
        }
        return options;
    }

    /// <summary>Database access; <see cref="DatabaseOptions"/> must be registered by the host.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        services.AddDbContext<IdentityDbContext>((sp, o) =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            IdentityDbContext.Configure(o, database.Provider, database.Primary!);
        });
        services.AddScoped<Application.Common.IPasswordHasher, AspNetPasswordHasher>();
        services.AddScoped<IClientRegistry, OpenIddictClientRegistry>();
        services.AddScoped<IIssuedTokens, OpenIddictIssuedTokens>();
        services.AddSingleton<WithdrawnAccessStore>();
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton<IConnectionFactory>(p => p.GetRequiredService<ConnectionFactory>());
        // The regions never change at run time (only a migration could), so they are read once from the shipped file.
        services.AddSingleton(_ => RegionReference.Load());
        // This instance's catalog search index, in a temporary folder of its own; the host may place it (Search:IndexFolder).
        services.TryAddSingleton<Application.Catalog.ICatalogSearchIndex>(_ => new Search.LuceneCatalogSearchIndex(null));
        services.TryAddSingleton<Application.Demands.IBoardSearchIndex>(_ => new Search.LuceneBoardSearchIndex(null));
        return services;
    }
}
