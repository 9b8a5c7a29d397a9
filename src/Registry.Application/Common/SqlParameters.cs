using System.Collections.Concurrent;
using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using Dapper;

namespace Registry.Application.Common;

/// <summary>
/// Turns a parameter object into Dapper parameters named in camelCase, the spelling the SQL uses (<c>@regionCode</c>).
/// SQLite matches parameter names case-sensitively, so <c>new { x.RegionCode }</c> must become <c>@regionCode</c>.
/// A <see cref="RegionScope"/> property <c>scope</c> becomes the two parameters <c>@scopeLow</c> and <c>@scopeHigh</c> of <see cref="RegionScope.Sql"/>.
/// </summary>
public static class SqlParameters
{
    private static readonly ConcurrentDictionary<Type, Property[]> Properties = new();

    /// <summary>A property's parameter name, a compiled getter (no reflection call per query) and its declared type.</summary>
    private sealed record Property(string Name, Func<object, object?> Get, Type Type);

    public static object? Of(object? param)
    {
        if (param is null or SqlMapper.IDynamicParameters) return param;
        var result = new DynamicParameters();
        foreach (var (name, get, type) in Properties.GetOrAdd(param.GetType(), Describe))
        {
            var value = get(param);
            if (value is RegionScope scope)
            {
                result.Add(name + "Low", scope.Low, DbType.String);
                result.Add(name + "High", scope.High, DbType.String);
                continue;
            }
            // A null carries no type; PostgreSQL must still know one for "@x is null" filters.
            result.Add(name, value, value is null ? NullType(type) : null);
        }
        return result;
    }

    private static DbType? NullType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => DbType.String,
        var t when t == typeof(Guid) => DbType.Guid,
        var t when t == typeof(int) => DbType.Int32,
        var t when t == typeof(long) => DbType.Int64,
        var t when t == typeof(decimal) => DbType.Decimal,
        var t when t == typeof(bool) => DbType.Boolean,
        var t when t == typeof(DateTimeOffset) => DbType.DateTimeOffset,
        var t when t == typeof(DateOnly) => DbType.Date,
        _ => null,
    };

    private static Property[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Select(p => new Property(char.ToLowerInvariant(p.Name[0]) + p.Name[1..], Getter(type, p), p.PropertyType))
            .ToArray();

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var read = Expression.Property(Expression.Convert(instance, type), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }
}
