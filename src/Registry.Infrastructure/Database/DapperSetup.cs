using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Registry.Infrastructure.Database;

/// <summary>
/// Dapper's global settings. SQLite has no uuid, timestamp or date types: there these values are stored as
/// fixed-format text (lower-case GUIDs, UTC ISO-8601 times) so that equality and ordering work in SQL.
/// The other providers get the native types.
/// </summary>
public static class DapperSetup
{
    private static int _configured;

    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?),
                     typeof(decimal), typeof(decimal?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    public const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture);

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read a GUID from {value.GetType().Name}."),
        };
    }

    /// <summary>
    /// SQLite stores a NUMERIC value as an integer or a real depending on the value (100.00 → 100, 97.22 → 97.22), and Dapper
    /// compiles its reader from the first row's types; reading through this handler takes each value as it comes.
    /// </summary>
    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            parameter.DbType = DbType.Decimal;
            parameter.Value = value;
        }

        public override decimal Parse(object value) => value switch
        {
            decimal d => d,
            long l => l,
            int i => i,
            double d => (decimal)d,
            string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a time from {value.GetType().Name}."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value;
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            string s => DateOnly.Parse(s, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }
}
