using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Registry.Application.Common;

namespace Registry.Infrastructure.Database;

/// <summary>Opens connections for the configured provider; one per process.</summary>
public sealed class ConnectionFactory : IConnectionFactory, IDisposable
{
    private readonly DatabaseOptions _options;
    private readonly NpgsqlDataSource? _pgPrimary;
    private readonly NpgsqlDataSource? _pgRead;

    public ConnectionFactory(DatabaseOptions options)
    {
        _options = options;
        DapperSetup.EnsureConfigured();
        Dialect = Dialects.For(options.Provider);
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            _pgPrimary = NpgsqlDataSource.Create(PrimaryConnectionString);
            _pgRead = options.ReadOnly is { Length: > 0 } ro ? NpgsqlDataSource.Create(ro) : _pgPrimary;
        }
    }

    public ISqlDialect Dialect { get; }

    public DatabaseProvider Provider => _options.Provider;

    public string PrimaryConnectionString =>
        _options.Primary ?? throw new InvalidOperationException("ConnectionStrings:Primary is not set.");

    public Task<DbConnection> OpenPrimaryAsync(CancellationToken ct) => OpenAsync(PrimaryConnectionString, _pgPrimary, SqlitePragmas, ct);

    // SQLite's busy handler polls with growing sleeps, so a writer that commits and begins again (an import's next batch) takes
    // the lock before a waiting one wakes up: writers of this process queue here instead, first come first served.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public async Task<IDisposable?> WriterTurnAsync(CancellationToken ct)
    {
        if (_options.Provider != DatabaseProvider.Sqlite) return null;
        // Past the busy timeout the turn is skipped and SQLite's own waiting decides, as it did without the queue.
        return await _sqliteWriter.WaitAsync(TimeSpan.FromSeconds(30), ct) ? new Turn(_sqliteWriter) : null;
    }

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) writer.Release();
        }
    }

    public Task<DbConnection> OpenReadAsync(CancellationToken ct)
    {
        var connectionString = _options.ReadOnly is { Length: > 0 } ro ? ro : PrimaryConnectionString;
        if (_options.Provider != DatabaseProvider.Sqlite) return OpenAsync(connectionString, _pgRead, SqlitePragmas, ct);
        var read = Volatile.Read(ref _sqliteRead);
        if (read is null || !ReferenceEquals(read.From, connectionString))
            Volatile.Write(ref _sqliteRead, read = SqliteRead.Of(connectionString));
        return OpenAsync(read.ConnectionString, null, read.Pragmas, ct);
    }

    private SqliteRead? _sqliteRead;

    /// <summary>
    /// The SQLite read connections: their own pool, whose connection string leaves <c>Foreign Keys</c> out, because
    /// Microsoft.Data.Sqlite runs <c>pragma foreign_keys</c> on every open of a pooled connection when the string has it. The
    /// read pool's connections get it once, with the other settings: reads never turn it off, so it stays on.
    /// </summary>
    private sealed record SqliteRead(string From, string ConnectionString, string Pragmas)
    {
        public static SqliteRead Of(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.ForeignKeys is not { } foreignKeys) return new SqliteRead(connectionString, connectionString, SqlitePragmas);
            builder.ForeignKeys = null;
            return new SqliteRead(connectionString, builder.ToString(), SqlitePragmas + $" pragma foreign_keys = {(foreignKeys ? "on" : "off")};");
        }
    }

    private async Task<DbConnection> OpenAsync(string connectionString, NpgsqlDataSource? pg, string sqlitePragmas, CancellationToken ct)
    {
        switch (_options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                return await pg!.OpenConnectionAsync(ct);
            case DatabaseProvider.SqlServer:
                var sql = new SqlConnection(connectionString);
                try
                {
                    await sql.OpenAsync(ct);
                }
                catch
                {
                    await sql.DisposeAsync();
                    throw;
                }
                return sql;
            default:
                var sqlite = new SqliteConnection(connectionString);
                try
                {
                    await sqlite.OpenAsync(ct);
                    // The settings belong to the physical connection, which the pool keeps open between uses: set them once.
                    if (sqlite.Handle is { } handle && !Configured.TryGetValue(handle, out _))
                    {
                        await using (var pragma = sqlite.CreateCommand())
                        {
                            pragma.CommandText = sqlitePragmas;
                            await pragma.ExecuteNonQueryAsync(ct);
                        }
                        Configured.AddOrUpdate(handle, Configured);
                    }
                }
                catch
                {
                    // A connection that failed to open or to take its settings is never handed out, and never left to the finalizer.
                    await sqlite.DisposeAsync();
                    throw;
                }
                return sqlite;
        }
    }

    // FULL: in WAL mode NORMAL may lose the last commits on power loss; an acknowledged write never is.
    // 64 MB page cache per connection: directory counts read whole read-model tables.
    internal const string SqlitePragmas = "pragma busy_timeout = 30000; pragma synchronous = FULL; pragma cache_size = -65536;";

    // The physical SQLite connections already given SqlitePragmas; an entry goes with its connection when the pool closes it.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    /// <summary>The SQLite connection string used when none is configured: a file in the data folder.</summary>
    public static string DefaultSqlite(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "registry.db"),
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_pgRead, _pgPrimary)) _pgRead?.Dispose();
        _pgPrimary?.Dispose();
    }
}
