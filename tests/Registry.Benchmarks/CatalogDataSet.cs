using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using FluentMigrator;
using Microsoft.Data.Sqlite;
using Registry.Domain.Catalog;
using Registry.Infrastructure.Database;
using static Registry.Infrastructure.Seeding.ScaleVocabulary;

namespace Registry.Benchmarks;

/// <summary>
/// A migrated SQLite file whose public data labeling catalog holds a large, deterministic population of published
/// entries. Only what the catalog search reads is filled: <c>catalog_directory</c>, <c>catalog_directory_modalities</c>,
/// <c>catalog_directory_task_types</c> and the FTS5 table <c>catalog_search</c>, row for row as
/// <c>CatalogProjection.PublishAsync</c> writes them (lower-case GUID text, UTC ISO-8601 times, ",a,b," lists, one child
/// row per value, <c>SearchTerms.Index</c> terms in both the directory row and the FTS5 row, whose rowid is the directory
/// row's <c>search_rowid</c>: 1, 2, … in entry id order).
/// Written with raw prepared inserts in one transaction, in entry id order, then <c>ANALYZE</c> and an FTS5 optimize.
/// <para>
/// Seeding a million entries takes minutes and BenchmarkDotNet starts a new process per benchmark, so the finished file is
/// kept under <c>/tmp/registry-bench-catalog/</c> in a folder named after <see cref="GeneratorVersion"/>, the latest
/// migration, the entry count and the seed, and reused by later processes and runs. Delete that folder to seed again.
/// </para>
/// </summary>
public sealed class CatalogDataSet : IDisposable
{
    /// <summary>Bump when the generator below changes, so that a cached file of the previous generator is not reused.</summary>
    public const string GeneratorVersion = "1";

    // Cities, agencies, kinds of dataset, title parts: ScaleVocabulary, shared with the seed-scale verb.

    private readonly string _folder;

    private CatalogDataSet(string folder, DatabaseOptions options, int entries, bool reused, TimeSpan seedTime)
    {
        _folder = folder;
        Options = options;
        Entries = entries;
        Reused = reused;
        SeedTime = seedTime;
    }

    public DatabaseOptions Options { get; }

    /// <summary>The cache folder of the file, where derived indexes of the same data are kept too.</summary>
    public string Folder => _folder;

    public int Entries { get; }

    /// <summary>Whether the file was found in the cache rather than seeded by this process.</summary>
    public bool Reused { get; }

    public TimeSpan SeedTime { get; }

    public long FileSize => new FileInfo(Path.Combine(_folder, "registry.db")).Length;

    /// <summary>The cached data set, seeded first when there is none yet for this generator, schema, size and seed.</summary>
    public static CatalogDataSet Open(int entries, int seed = 20261123)
    {
        var started = Stopwatch.GetTimestamp();
        var latestMigration = typeof(DatabaseMigrator).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Version ?? 0).Max();
        var folder = Path.Combine(Path.GetTempPath(), "registry-bench-catalog",
            string.Create(CultureInfo.InvariantCulture, $"v{GeneratorVersion}-m{latestMigration}-n{entries}-s{seed}"));
        var reused = File.Exists(Path.Combine(folder, "registry.db"));
        if (!reused)
        {
            // Built aside and moved into place when complete, so that an interrupted seed is never reused.
            var building = folder + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
            Seed(building, entries, seed);
            Directory.Move(building, folder);
        }
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(folder), MigrateOnStart = false };
        return new CatalogDataSet(folder, options, entries, reused, Stopwatch.GetElapsedTime(started));
    }

    private static void Seed(string folder, int entries, int seed)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(folder), MigrateOnStart = false };
        DatabaseMigrator.MigrateUp(options);
        SqliteConnection.ClearAllPools();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(options.Primary) { Pooling = false }.ToString());
        connection.Open();
        // A bulk load into a file nobody else has open yet: no journal, no syncs, a 1 GB page cache. The file is switched
        // back to WAL, the mode the application runs in, at the end. The directory rows reference no other table.
        Execute(connection, "pragma foreign_keys = off; pragma journal_mode = off; pragma synchronous = off; pragma cache_size = -1048576;");
        // The province as CatalogProjection derives it: a city's parent, or the region itself.
        var provinces = Query(connection, "select code, case when level = 'city' then parent_code else code end from regions",
                r => (Code: r.GetString(0), Province: r.GetString(1)))
            .ToDictionary(r => r.Code, r => r.Province);
        var cities = Cities.ToDictionary(c => c.Code, c => (c.Code, c.Name, Province: provinces[c.Code]));

        var random = new Random(seed);
        var agencyIds = Agencies.Select(_ => NextGuid(random).ToString("D")).ToArray();
        var agencyPicks = Agencies.SelectMany((a, i) => Enumerable.Repeat(i, a.Weight)).ToArray();
        // Entry ids in their stored (text) order, so that the primary keys are appended rather than inserted at random.
        var entryIds = Enumerable.Range(0, entries).Select(_ => NextGuid(random).ToString("D")).Order(StringComparer.Ordinal).ToArray();
        var sequences = new int[Agencies.Length];
        var objectsByDomain = Objects.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => g.ToArray());

        using (var transaction = connection.BeginTransaction())
        {
            using var directory = Prepare(connection, transaction, """
                insert into catalog_directory (entry_id, agency_id, agency_name_zh, code, version, title, description, domain, modalities,
                    task_types, volume, volume_unit, security_level, openness, region_code, province_code, published_at, terms, search_rowid)
                values (@entryId, @agencyId, @agencyNameZh, @code, @version, @title, @description, @domain, @modalities, @taskTypes, @volume,
                    @volumeUnit, @securityLevel, @openness, @regionCode, @provinceCode, @publishedAt, @terms, @searchRowid)
                """);
            using var modality = Prepare(connection, transaction,
                "insert into catalog_directory_modalities (entry_id, modality) values (@entryId, @modality)");
            using var taskType = Prepare(connection, transaction,
                "insert into catalog_directory_task_types (entry_id, task_type) values (@entryId, @taskType)");
            using var search = Prepare(connection, transaction, "insert into catalog_search (rowid, terms) values (@searchRowid, @terms)");

            var epoch = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
            var searchRowid = 0L;
            foreach (var entryId in entryIds)
            {
                searchRowid++;
                var a = agencyPicks[random.Next(agencyPicks.Length)];
                var agency = Agencies[a];
                var city = cities[agency.Cities[random.Next(agency.Cities.Length)]];
                var domain = agency.Domains[random.Next(agency.Domains.Length)];
                var candidates = objectsByDomain[domain];
                var o = candidates[random.Next(candidates.Length)];

                var publishedAt = epoch.AddSeconds(-random.Next(0, 3 * 365 * 86_400));
                var code = string.Create(CultureInfo.InvariantCulture, $"{agency.CodePrefix}-{publishedAt.Year}-{++sequences[a]:D6}");
                var title = city.Name + Qualifiers[random.Next(Qualifiers.Length)] + o.Name + TitleSuffixes[random.Next(TitleSuffixes.Length)];
                var description = city.Name + o.Detail;
                var modalities = Pick(random, o.Modalities, 1 + (random.NextDouble() < 0.3 ? 1 : 0));
                var taskTypes = Pick(random, o.TaskTypes, 1 + (random.NextDouble() < 0.4 ? 1 : 0));
                var securityLevel = random.NextDouble() < 0.75 ? o.SecurityLevel : SecurityLevels[random.Next(SecurityLevels.Length)];
                var openness = securityLevel switch
                {
                    "core" => "restricted",
                    "important" => random.Next(4) == 3 ? "restricted" : "conditional",
                    _ => random.Next(4) == 1 ? "conditional" : "open",
                };
                var terms = SearchTerms.Index(code, title, description, agency.NameZh);

                Bind(directory, new Dictionary<string, object?>
                {
                    ["entryId"] = entryId,
                    ["agencyId"] = agencyIds[a],
                    ["agencyNameZh"] = agency.NameZh,
                    ["code"] = code,
                    ["version"] = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 },
                    ["title"] = title,
                    ["description"] = description,
                    ["domain"] = domain,
                    ["modalities"] = "," + string.Join(',', modalities) + ",",
                    ["taskTypes"] = "," + string.Join(',', taskTypes) + ",",
                    ["volume"] = Math.Round(o.Volume * (decimal)(0.25 + random.NextDouble() * 3.75)),
                    ["volumeUnit"] = o.Unit,
                    ["securityLevel"] = securityLevel,
                    ["openness"] = openness,
                    ["regionCode"] = city.Code,
                    ["provinceCode"] = city.Province,
                    ["publishedAt"] = DapperSetup.ToSqliteText(publishedAt),
                    ["terms"] = terms,
                    ["searchRowid"] = searchRowid,
                });
                foreach (var value in modalities)
                    Bind(modality, new Dictionary<string, object?> { ["entryId"] = entryId, ["modality"] = value });
                foreach (var value in taskTypes)
                    Bind(taskType, new Dictionary<string, object?> { ["entryId"] = entryId, ["taskType"] = value });
                Bind(search, new Dictionary<string, object?> { ["searchRowid"] = searchRowid, ["terms"] = terms });
            }
            transaction.Commit();
        }
        Execute(connection, "insert into catalog_search (catalog_search) values ('optimize'); analyze; pragma journal_mode = wal;");
    }

    public void Dispose()
    {
        // The file stays in the cache for the next benchmark process; only the pooled connections are closed.
        SqliteConnection.ClearAllPools();
    }


    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
            command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, Dictionary<string, object?> values)
    {
        foreach (var (name, value) in values) command.Parameters["@" + name].Value = value ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
