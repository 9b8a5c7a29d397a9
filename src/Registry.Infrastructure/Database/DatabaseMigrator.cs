using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.Infrastructure.Database;

/// <summary>Runs the FluentMigrator migrations of this assembly against the configured database.</summary>
public static class DatabaseMigrator
{
    public static void MigrateUp(DatabaseOptions options, ILoggerFactory? loggerFactory = null)
    {
        DapperSetup.EnsureConfigured();
        var connectionString = options.Primary ?? throw new InvalidOperationException("ConnectionStrings:Primary is not set.");
        if (options.Provider == DatabaseProvider.Sqlite) PrepareSqliteFile(connectionString);

        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(rb => Configure(rb, options.Provider).WithGlobalConnectionString(connectionString)
                .ScanIn(typeof(DatabaseMigrator).Assembly).For.Migrations());
        if (loggerFactory is not null) services.AddSingleton(loggerFactory);
        else services.AddLogging();

        using var provider = services.BuildServiceProvider(validateScopes: false);
        using var scope = provider.CreateScope();
        using var target = Migrations.RegistryMigration.Target(options.Provider);
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        if (!runner.HasMigrationsToApplyUp()) return;
        // FluentMigrator's own lines are filtered to warnings: these two say that a first start is busy, and for how long.
        var log = loggerFactory?.CreateLogger(typeof(DatabaseMigrator));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        log?.LogInformation("Migrating the {Provider} database...", options.Provider);
        runner.MigrateUp();
        log?.LogInformation("Migrated the {Provider} database in {Seconds:0.0} s.", options.Provider,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// The SQL Server DDL of every migration, generated without a server (FluentMigrator's connectionless preview),
    /// so tests can parse it with ScriptDom.
    /// </summary>
    public static string SqlServerScript()
    {
        using var writer = new StringWriter();
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(rb => rb.AddSqlServer2016()
                .WithGlobalConnectionString("Server=(none);Database=registry;Integrated Security=true;TrustServerCertificate=true")
                .ScanIn(typeof(DatabaseMigrator).Assembly).For.Migrations())
            .Configure<RunnerOptions>(o => o.NoConnection = true)
            .Configure<ProcessorOptions>(o => o.PreviewOnly = true)
            .AddSingleton<ILoggerProvider>(new SqlScriptFluentMigratorLoggerProvider(writer,
                new SqlScriptFluentMigratorLoggerOptions { ShowSql = true, OutputGoBetweenStatements = true }));
        using (var provider = services.BuildServiceProvider(validateScopes: false))
        using (var scope = provider.CreateScope())
        using (Migrations.RegistryMigration.Target(DatabaseProvider.SqlServer))
        {
            scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
        }
        return writer.ToString();
    }

    private static IMigrationRunnerBuilder Configure(IMigrationRunnerBuilder rb, DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => rb.AddPostgres(),
        DatabaseProvider.SqlServer => rb.AddSqlServer2016(),
        _ => rb.AddSQLite(),
    };

    // WAL lets readers work while a command writes; the mode is stored in the file, so it is set once here.
    private static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "pragma journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
