using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Registry.Application.Common;
using Registry.Infrastructure.Database;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// SQL Server cannot run here, so every statement Registry would send it is parsed with ScriptDom: the DDL the
/// migrations generate (connectionless preview) and every <see cref="Sql"/> field of the code, rendered for SQL Server.
/// </summary>
public sealed class SqlServerParseTests
{
    private static readonly Assembly[] Assemblies =
        [typeof(Sql).Assembly, typeof(DatabaseMigrator).Assembly, typeof(Program).Assembly];

    // Statements built per combination of filters stand in static Sql[] fields; each element is a statement of its own.
    public static IEnumerable<object[]> Statements() =>
        Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .SelectMany(f => f.FieldType == typeof(Sql) ? [$"{t.FullName}.{f.Name}"]
                    : f.FieldType == typeof(Sql[]) ? Enumerable.Range(0, ((Sql[])Value(t, f.Name)).Length).Select(i => $"{t.FullName}.{f.Name}[{i}]")
                    : []))
            .Select(name => new object[] { name });

    private static object Value(Type type, string field)
    {
        if (type.IsGenericTypeDefinition)
            type = type.MakeGenericType(type.GetGenericArguments().Select(a => a.GetGenericParameterConstraints().FirstOrDefault() ?? typeof(object)).ToArray());
        return type.GetField(field, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
    }

    private static Sql Find(string name)
    {
        var index = name.EndsWith(']') ? int.Parse(name[(name.LastIndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (index is not null) name = name[..name.LastIndexOf('[')];
        var split = name.LastIndexOf('.');
        var type = Assemblies.Select(a => a.GetType(name[..split])).First(t => t is not null)!;
        var value = Value(type, name[(split + 1)..]);
        return index is { } i ? ((Sql[])value)[i] : (Sql)value;
    }

    private static void AssertParses(string sql, string what)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0,
            $"{what} does not parse as T-SQL:\n{string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n---\n{sql}");
    }

    // Dapper sends "in @list" as "in (@list1, @list2, ...)", one parameter per value; that is the text SQL Server parses.
    private static string ExpandLists(string sql) => Regex.Replace(sql, @"\bin\s+@(\w+)", "in (@${1}1, @${1}2)", RegexOptions.IgnoreCase);

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_statement_of_the_code_parses_as_TSql(string field) =>
        AssertParses(ExpandLists(Find(field).For(new SqlServerDialect())), field);

    [Fact]
    public void The_statement_catalog_is_not_empty() => Assert.True(Statements().Count() >= 15);

    [Fact]
    public void The_SQL_Server_DDL_of_every_migration_parses()
    {
        var script = DatabaseMigrator.SqlServerScript();

        Assert.Contains("CREATE TABLE [dbo].[audit_log]", script, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CREATE TABLE [dbo].[base_directory]", script, StringComparison.OrdinalIgnoreCase);
        AssertParses(script, "The migrations' SQL Server script");
    }
}
