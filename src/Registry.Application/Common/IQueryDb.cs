namespace Registry.Application.Common;

/// <summary>Reading through Dapper: shared by the write session (a command reading back) and the read session.</summary>
public interface IQueryDb
{
    ISqlDialect Dialect { get; }

    Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct);

    Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct);

    Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct);
}
