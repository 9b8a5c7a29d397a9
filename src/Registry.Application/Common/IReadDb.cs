namespace Registry.Application.Common;

/// <summary>Dapper over the read models, on the read connection. Queries never write.</summary>
public interface IReadDb : IQueryDb;
