using System.Data.Common;
using Registry.Infrastructure.Database;

namespace Registry.Api.Tests.Pipeline;

/// <summary>The SQLite settings are applied once per physical connection; a connection the pool hands out again still has them.</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-pragmas-" + Guid.NewGuid().ToString("N"));
    private readonly ConnectionFactory _connections;

    public SqliteConnectionSettingsTests() =>
        _connections = new ConnectionFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(_folder) });

    [Fact]
    public async Task A_connection_reused_from_the_pool_keeps_full_sync_the_busy_timeout_the_cache_and_foreign_keys()
    {
        for (var use = 0; use < 3; use++)
        {
            await using var connection = use % 2 == 0 ? await _connections.OpenReadAsync(default) : await _connections.OpenPrimaryAsync(default);
            Assert.Equal(2L, await Pragma(connection, "synchronous"));
            Assert.Equal(30000L, await Pragma(connection, "busy_timeout"));
            Assert.Equal(-65536L, await Pragma(connection, "cache_size"));
            Assert.Equal(1L, await Pragma(connection, "foreign_keys"));
        }
    }

    private static async Task<long> Pragma(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "pragma " + name;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        _connections.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
