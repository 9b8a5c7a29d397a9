using System.Data.Common;
using Dapper;

namespace Registry.Application.Common;

/// <summary>Read-side connection, opened on first use and kept for the request.</summary>
public sealed class ReadSession(IConnectionFactory connections) : IReadDb, IAsyncDisposable, IDisposable
{
    public ISqlDialect Dialect => connections.Dialect;

    private DbConnection? _connection;

    private async Task<DbConnection> ConnectionAsync(CancellationToken ct) =>
        _connection ??= await connections.OpenReadAsync(ct);

    private CommandDefinition Command(Sql sql, object? param, CancellationToken ct) =>
        new(sql.For(connections.Dialect), SqlParameters.Of(param), cancellationToken: ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        (await (await ConnectionAsync(ct)).QueryAsync<T>(Command(sql, param, ct))).AsList();

    public async Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        await (await ConnectionAsync(ct)).QuerySingleOrDefaultAsync<T>(Command(sql, param, ct));

    public async Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        await (await ConnectionAsync(ct)).ExecuteScalarAsync<T>(Command(sql, param, ct));

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
