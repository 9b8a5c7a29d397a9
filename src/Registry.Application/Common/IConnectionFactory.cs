namespace Registry.Application.Common;

/// <summary>Opens connections to the configured database.</summary>
public interface IConnectionFactory
{
    ISqlDialect Dialect { get; }

    /// <summary>A new open connection to the primary (write) database.</summary>
    Task<System.Data.Common.DbConnection> OpenPrimaryAsync(CancellationToken ct);

    /// <summary>A new open connection for queries: a readable secondary when configured, else the primary.</summary>
    Task<System.Data.Common.DbConnection> OpenReadAsync(CancellationToken ct);

    /// <summary>
    /// Waits for this process's turn to open a write transaction, in arrival order, where the database has one writer at a time
    /// and its own waiting is not fair (SQLite); dispose the turn when the transaction ends. Null where the database orders writers.
    /// </summary>
    Task<IDisposable?> WriterTurnAsync(CancellationToken ct) => Task.FromResult<IDisposable?>(null);
}
