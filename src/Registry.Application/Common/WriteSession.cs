using System.Data.Common;
using Dapper;

namespace Registry.Application.Common;

/// <summary>The unit of work of one command: one primary connection and one transaction, opened by the pipeline.</summary>
public sealed class WriteSession(IConnectionFactory connections) : IWriteDb, IAsyncDisposable, IDisposable
{
    public ISqlDialect Dialect => connections.Dialect;

    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private IDisposable? _writerTurn;

    public bool InTransaction => _transaction is not null;

    /// <summary>The open transaction, for stores that must write in it (OpenIddict's, through EF Core).</summary>
    public DbTransaction? Transaction => _transaction;

    public async Task BeginAsync(CancellationToken ct)
    {
        if (_transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        _connection ??= await connections.OpenPrimaryAsync(ct);
        _writerTurn = await connections.WriterTurnAsync(ct);
        try
        {
            _transaction = await _connection.BeginTransactionAsync(ct);
        }
        catch
        {
            ReleaseTurn();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await Current.CommitAsync(ct);
        await EndAsync();
    }

    public async Task RollbackAsync()
    {
        if (_transaction is null) return;
        try
        {
            await _transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await EndAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the current command's transaction, or, outside any command, in a short transaction of
    /// its own with no ledger record (sign-in attempts, log retention), which commits without waiting for the disk where the
    /// engine allows it (<see cref="ISqlDialect.NoFlushWait"/>): a flood of sign-ins never queues ledger commits behind its flushes.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (InTransaction) return await work();
        await BeginAsync(ct);
        try
        {
            if (Dialect.NoFlushWait is { } noFlushWait) await ExecuteAsync(new Sql(noFlushWait), null, ct);
            var result = await work();
            await CommitAsync(ct);
            return result;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    private int _savepoints;

    // ADO.NET's savepoints: SAVEPOINT / ROLLBACK TO on SQLite and PostgreSQL, SAVE TRANSACTION / ROLLBACK TRANSACTION on SQL Server.
    public async Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var name = "sp" + ++_savepoints;
        await Current.SaveAsync(name, ct);
        T result;
        try
        {
            result = await work();
        }
        catch
        {
            await Current.RollbackAsync(name, CancellationToken.None);
            throw;
        }
        await Current.ReleaseAsync(name, ct);
        return result;
    }

    private DbTransaction Current =>
        _transaction ?? throw new InvalidOperationException("Write model access outside a command's transaction.");

    private async Task EndAsync()
    {
        try
        {
            if (_transaction is not null) await _transaction.DisposeAsync();
            _transaction = null;
        }
        finally
        {
            ReleaseTurn();
        }
    }

    private void ReleaseTurn()
    {
        _writerTurn?.Dispose();
        _writerTurn = null;
    }

    private CommandDefinition Command(Sql sql, object? param, CancellationToken ct) =>
        new(sql.For(connections.Dialect), SqlParameters.Of(param), Current, cancellationToken: ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        (await Current.Connection!.QueryAsync<T>(Command(sql, param, ct))).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        Current.Connection!.QuerySingleOrDefaultAsync<T>(Command(sql, param, ct));

    public Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct) =>
        Current.Connection!.ExecuteAsync(Command(sql, param, ct));

    public Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) =>
        Current.Connection!.ExecuteScalarAsync<T>(Command(sql, param, ct));

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    // Scopes disposed synchronously (jobs, tests) must still roll back and release the connection.
    public void Dispose()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
        ReleaseTurn();
        _connection?.Dispose();
        _connection = null;
    }
}
