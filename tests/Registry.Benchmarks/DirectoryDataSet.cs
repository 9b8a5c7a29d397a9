using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Registry.Application.Enterprises;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Identifiers;
using Registry.Domain.Reference;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Migrations;
using Registry.Infrastructure.Seeding;
using static Registry.Infrastructure.Seeding.ScaleVocabulary;

namespace Registry.Benchmarks;

/// <summary>
/// A migrated SQLite file in a temporary folder whose enterprise directory holds a large, deterministic population of
/// labeling enterprises. Only the read model (<c>enterprise_directory</c>, <c>enterprise_capabilities</c>,
/// <c>enterprise_domains</c>) is filled: that is all the directory search reads. Written with raw prepared inserts in one
/// transaction, in the stored formats the application uses (lower-case GUID text, UTC ISO-8601 times, 0/1 booleans).
/// </summary>
public sealed class DirectoryDataSet : IDisposable
{
    /// <summary>The cities of <see cref="ScaleVocabulary.Cities"/>, with the short name that starts a legal name.</summary>
    private static readonly (string Code, string ShortName)[] Cities = [.. ScaleVocabulary.Cities.Select(c => (c.Code, c.Name.TrimEnd('市')))];

    private static readonly string[] CertificateStatuses =
    [
        CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active,
        CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active,
        CertificateStatus.Expired, CertificateStatus.Suspended, CertificateStatus.Revoked,
    ];

    private readonly string _folder;

    private DirectoryDataSet(string folder, DatabaseOptions options, int enterprises, Guid chengduBaseId, TimeSpan seedTime)
    {
        _folder = folder;
        Options = options;
        Enterprises = enterprises;
        ChengduBaseId = chengduBaseId;
        SeedTime = seedTime;
    }

    public DatabaseOptions Options { get; }

    public int Enterprises { get; }

    /// <summary>The national base in Chengdu (510100), for the base filter.</summary>
    public Guid ChengduBaseId { get; }

    public TimeSpan SeedTime { get; }

    public static DirectoryDataSet Create(int enterprises, int seed = 20261123)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = Path.Combine(Path.GetTempPath(), "registry-bench-" + Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(folder), MigrateOnStart = false };
        DatabaseMigrator.MigrateUp(options);

        using var connection = new SqliteConnection(options.Primary);
        connection.Open();
        // The capability and domain rows reference enterprise_profiles, which the directory search never reads.
        Execute(connection, "pragma foreign_keys = off;");
        var regionNames = Query(connection, "select code, name_zh from regions", r => (Code: r.GetString(0), Name: r.GetString(1)))
            .ToDictionary(r => r.Code, r => r.Name);
        var bases = Query(connection, "select id, name_zh, region_code from bases",
            r => (Id: Guid.Parse(r.GetString(0)), Name: r.GetString(1), Region: r.GetString(2)));
        var basesByCity = bases.ToDictionary(b => b.Region);

        var random = new Random(seed);
        using (var transaction = connection.BeginTransaction())
        {
            using var directory = Prepare(connection, transaction, """
                insert into enterprise_directory (enterprise_id, legal_name, credit_code, region_code, region_name_zh, province_code,
                    base_id, base_name_zh, total_staff, annotators, senior_annotators, mlps_level, iso27001, secure_facility, clearance,
                    certificate_id, certificate_number, certificate_grade, certificate_status, certificate_expires_on, designations,
                    capabilities, domains, capability_bits_lo, capability_bits_hi, domain_bits, designation_bits, quality_accepted_count,
                    quality_mean_accuracy, quality_blend, version, updated_at)
                values (@enterpriseId, @legalName, @creditCode, @regionCode, @regionNameZh, @provinceCode, @baseId, @baseNameZh, @totalStaff,
                    @annotators, @seniorAnnotators, @mlpsLevel, @iso27001, @secureFacility, @clearance, @certificateId, @certificateNumber,
                    @certificateGrade, @certificateStatus, @certificateExpiresOn, @designations, @capabilities, @domains,
                    @capabilityBitsLo, @capabilityBitsHi, @domainBits, @designationBits, @qualityAcceptedCount, @qualityMeanAccuracy, @qualityBlend, @version, @updatedAt)
                """);
            using var capability = Prepare(connection, transaction,
                "insert into enterprise_capabilities (enterprise_id, modality, task_type) values (@enterpriseId, @modality, @taskType)");
            using var domain = Prepare(connection, transaction,
                "insert into enterprise_domains (enterprise_id, domain_code) values (@enterpriseId, @domainCode)");

            var epoch = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < enterprises; i++)
            {
                var id = NextGuid(random);
                var idText = id.ToString("D");
                var (cityCode, cityName) = Cities[random.Next(Cities.Length)];
                var provinceCode = cityCode[..2] + "0000";
                var legalName = cityName + FirstWords[random.Next(FirstWords.Length)] + SecondWords[random.Next(SecondWords.Length)]
                    + CompanySuffixes[random.Next(CompanySuffixes.Length)];
                var creditCode = UnifiedSocialCreditCode.Create("91" + cityCode + i.ToString("D9", CultureInfo.InvariantCulture));
                var onBase = basesByCity.TryGetValue(cityCode, out var cityBase) && random.NextDouble() < 0.4;

                var totalStaff = 10 + (int)(Math.Pow(random.NextDouble(), 3) * 2990);
                var annotators = (int)(totalStaff * (0.4 + random.NextDouble() * 0.5));
                var seniorAnnotators = (int)(annotators * random.NextDouble() * 0.3);
                var mlpsLevel = random.Next(10) switch { < 3 => 1, < 8 => 2, _ => 3 };

                var certified = random.NextDouble() < 0.55;
                var grade = random.Next(100) switch { < 30 => 1, < 60 => 2, < 80 => 3, < 92 => 4, _ => 5 };
                var status = CertificateStatuses[random.Next(CertificateStatuses.Length)];
                var expiresOn = DateOnly.FromDateTime(epoch.UtcDateTime).AddDays(random.Next(-200, 3 * 365));

                var designations = new List<string>();
                if (random.NextDouble() < 0.03) designations.Add("leading");
                if (random.NextDouble() < 0.02) designations.Add("gazelle");
                if (random.NextDouble() < 0.005) designations.Add("unicorn");
                if (random.NextDouble() < 0.08) designations.Add("sti");

                var capabilities = Pick(random, CapabilityPool, 2 + random.Next(2));
                var domains = Pick(random, IndustryDomains.All.Select(d => d.Code).ToArray(), 2 + random.Next(2));
                var accepted = random.NextDouble() < 0.6 ? random.Next(1, 60) : 0;
                var capabilityBits = DirectoryBits.OfCapabilities(capabilities);
                decimal? mean;

                Bind(directory, new Dictionary<string, object?>
                {
                    ["enterpriseId"] = idText,
                    ["legalName"] = legalName,
                    ["creditCode"] = creditCode,
                    ["regionCode"] = cityCode,
                    ["regionNameZh"] = regionNames[cityCode],
                    ["provinceCode"] = provinceCode,
                    ["baseId"] = onBase ? cityBase.Id.ToString("D") : null,
                    ["baseNameZh"] = onBase ? cityBase.Name : null,
                    ["totalStaff"] = totalStaff,
                    ["annotators"] = annotators,
                    ["seniorAnnotators"] = seniorAnnotators,
                    ["mlpsLevel"] = mlpsLevel,
                    ["iso27001"] = random.NextDouble() < 0.35 ? 1 : 0,
                    ["secureFacility"] = random.NextDouble() < 0.25 ? 1 : 0,
                    ["clearance"] = Clearance.HighestLevel(mlpsLevel, certified && status == CertificateStatus.Active),
                    ["certificateId"] = certified ? NextGuid(random).ToString("D") : null,
                    ["certificateNumber"] = certified ? CertificateTerms.Number(2026, cityCode, grade, i + 1) : null,
                    ["certificateGrade"] = certified ? grade : null,
                    ["certificateStatus"] = certified ? status : null,
                    ["certificateExpiresOn"] = certified ? expiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                    ["designations"] = "," + string.Join(',', designations) + ",",
                    ["capabilities"] = "," + string.Join(',', capabilities.Select(c => $"{c.Modality}:{c.TaskType}")) + ",",
                    ["domains"] = "," + string.Join(',', domains) + ",",
                    ["capabilityBitsLo"] = capabilityBits.Lo,
                    ["capabilityBitsHi"] = capabilityBits.Hi,
                    ["domainBits"] = DirectoryBits.OfDomains(domains),
                    ["designationBits"] = DirectoryBits.OfDesignations(designations),
                    ["qualityAcceptedCount"] = accepted,
                    ["qualityMeanAccuracy"] = mean = accepted == 0 ? null : Math.Round(0.9m + (decimal)random.NextDouble() * 0.099m, 4),
                    ["qualityBlend"] = QualityBlend.Unbarred(mean is { } m ? new QualityHistory(accepted, m, 0.9m) : null),
                    ["version"] = 1L + random.Next(5),
                    ["updatedAt"] = DapperSetup.ToSqliteText(epoch.AddMinutes(-random.Next(0, 525_600))),
                });
                foreach (var (modality, taskType) in capabilities)
                    Bind(capability, new Dictionary<string, object?> { ["enterpriseId"] = idText, ["modality"] = modality, ["taskType"] = taskType });
                foreach (var code in domains)
                    Bind(domain, new Dictionary<string, object?> { ["enterpriseId"] = idText, ["domainCode"] = code });
            }
            transaction.Commit();
        }
        // The name grams the search reads, written as the migration writes them for existing rows.
        M202612031200_AddEnterpriseNameGrams.Backfill(connection, null);
        Execute(connection, "analyze; pragma wal_checkpoint(truncate);");

        var chengdu = bases.Single(b => b.Region == "510100").Id;
        return new DirectoryDataSet(folder, options, enterprises, chengdu, Stopwatch.GetElapsedTime(started));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temporary folder is left for the system to clean.
        }
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
