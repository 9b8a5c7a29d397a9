namespace Registry.Application.Common;

/// <summary>Opens connections to the configured database.</summary>
public interface IConnectionFactory
{
    ISqlDialect Dialect { get; }

    /// <summary>A new open connection to the primary (write) database.</summary>
    Task<System.Data.Common.DbConnection> OpenPrimaryAsync(CancellationToken ct);

    /// <summary>A new open connection for queries: a readable secondary when configured, else the primary.</summary>
    Task<System.Data.Common.DbConnection> OpenReadAsync(CancellationToken ct);
}
