namespace Registry.Application.Common;

/// <summary>Dapper over the write model, inside the current command's transaction.</summary>
public interface IWriteDb : IQueryDb
{
    Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> inside a savepoint of the command's transaction: if it throws, everything it wrote is undone
    /// and the transaction goes on (also on PostgreSQL, where a failed statement would otherwise abort the whole transaction).
    /// </summary>
    Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken ct);
}
