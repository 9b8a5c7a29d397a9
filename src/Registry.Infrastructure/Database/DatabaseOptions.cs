namespace Registry.Infrastructure.Database;

/// <summary>The database providers Registry runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section plus the connection strings it uses.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Write connection (<c>ConnectionStrings:Primary</c>). Empty on SQLite means a file in the data folder.</summary>
    public string? Primary { get; set; }

    /// <summary>Query connection (<c>ConnectionStrings:ReadOnly</c>), e.g. a readable secondary; defaults to the primary.</summary>
    public string? ReadOnly { get; set; }

    /// <summary>Run the migrations when the API starts (<c>Database:MigrateOnStart</c>, default true).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Folder of the default SQLite file (<c>Database:DataFolder</c>), relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";
}
