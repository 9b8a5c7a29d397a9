using System.Collections.Concurrent;

namespace Registry.Application.Common;

/// <summary>
/// One SQL statement, written once and rendered per dialect. Every statement the application sends is a
/// static <see cref="Sql"/> field, so a test can enumerate them all and parse their SQL Server form.
/// </summary>
public sealed class Sql
{
    private readonly Func<ISqlDialect, string> _render;
    private readonly ConcurrentDictionary<string, string> _rendered = new();

    /// <summary>A statement that is the same in every dialect.</summary>
    public Sql(string text) => _render = _ => text;

    /// <summary>A statement that asks the dialect for the fragments that differ (paging, upsert, matching).</summary>
    public Sql(Func<ISqlDialect, string> render) => _render = render;

    public string For(ISqlDialect dialect) => _rendered.GetOrAdd(dialect.Name, _ => _render(dialect));
}
