using System.Globalization;
using System.Text.Json;
using Dapper;
using Registry.Application.Enterprises;
using Registry.Domain.Catalog;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Identifiers;
using Registry.Domain.Reference;
using Registry.Infrastructure.Database;
using static Registry.Infrastructure.Seeding.ScaleVocabulary;

namespace Registry.Infrastructure.Seeding;

/// <summary>How much national-scale data to add, and from which seed.</summary>
/// <param name="AsOf">The instant the data is generated around: open demands close after it, everything else happened before it.</param>
public sealed record ScaleSizes(int Enterprises, int Catalog, int Demands, int Bids, int Seed, DateTimeOffset AsOf)
{
    public const int MaxEnterprises = 1_000_000;
    public const int MaxCatalog = 10_000_000;
    public const int MaxDemands = 1_000_000;
    public const int MaxBids = 10_000_000;

    /// <summary>What is wrong with these sizes, by option name; empty when they can be seeded.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Enterprises is < 0 or > MaxEnterprises) problems.Add($"--enterprises is 0 to {MaxEnterprises:N0}.");
        if (Catalog is < 0 or > MaxCatalog) problems.Add($"--catalog is 0 to {MaxCatalog:N0}.");
        if (Demands is < 0 or > MaxDemands) problems.Add($"--demands is 0 to {MaxDemands:N0}.");
        if (Bids is < 0 or > MaxBids) problems.Add($"--bids is 0 to {MaxBids:N0}.");
        if (Bids > 0 && (Demands == 0 || Enterprises == 0)) problems.Add("--bids needs --demands and --enterprises to bid on and to bid.");
        if (Seed is < 1 or > 999) problems.Add("--seed is 1 to 999 (it is part of the generated credit codes, which must not collide).");
        return problems;
    }
}

/// <summary>Progress of one stage of the seed: rows written of the rows it will write.</summary>
public readonly record struct SeedProgress(string Stage, long Done, long Total);

/// <summary>
/// Adds a deterministic national-scale population to a migrated database: compiling agencies (reused when the demo data already
/// has them), enterprises with their profiles, capabilities, domains, talent, certificates, designations and directory rows;
/// published catalog entries with their directory rows, filter rows and full-text index; published demands in every state before
/// an award (open, in evaluation, unsuccessful, cancelled) and their bids. Rows are written the way the application's own writes
/// and projections write them, straight into the tables through <see cref="BulkWriter"/>; no event is published, so the
/// statistics, feed and inbox projections do not count them (docs/performance.md).
/// </summary>
public static class ScaleSeed
{
    /// <summary>Rows generated ahead of the writer: enough for a batch, bounded memory for any size.</summary>
    private const int ReportEvery = 5_000;

    public static async Task RunAsync(BulkWriter writer, ScaleSizes sizes, Func<string, string> ocid, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var problems = sizes.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(sizes));
        var db = writer.Connection;
        var regions = (await db.QueryAsync<(string Code, string Name, string Level, string? Parent)>(
            "select code, name_zh, level, parent_code from regions")).ToDictionary(r => r.Code);
        var bases = (await db.QueryAsync<(Guid Id, string Name, string Region)>("select id, name_zh, region_code from bases"))
            .GroupBy(b => b.Region).ToDictionary(g => g.Key, g => g.First());
        var operatorId = await db.QuerySingleOrDefaultAsync<Guid?>("select id from organizations where kind = 'operator' order by created_at") ?? Guid.Empty;

        if (await IsSeededAsync(db, sizes.Seed))
            throw new InvalidOperationException($"This database already holds the data of seed {sizes.Seed}. Seed into a fresh database, or choose another --seed.");

        var agencies = await AgenciesAsync(writer, sizes, ct);
        var enterprises = await EnterprisesAsync(writer, sizes, regions, bases, operatorId, progress, ct);
        if (sizes.Catalog > 0) await CatalogAsync(writer, sizes, agencies, code => Province(regions, code), progress, ct);
        if (sizes.Demands > 0) await DemandsAsync(writer, sizes, agencies, enterprises, bases, ocid, progress, ct);

        progress.Report(new SeedProgress("analyze", 0, 1));
        await db.ExecuteAsync(new CommandDefinition(
            "update base_directory set enterprise_count = (select count(*) from enterprise_profiles p where p.base_id = base_directory.id)",
            commandTimeout: 3600, cancellationToken: ct));
        await writer.AnalyzeAsync(ct);
        progress.Report(new SeedProgress("analyze", 1, 1));
    }

    /// <summary>Whether the rows of this seed are already there: its enterprises' addresses and its catalog codes name it.</summary>
    public static async Task<bool> IsSeededAsync(System.Data.Common.DbConnection db, int seed) =>
        await db.ExecuteScalarAsync<long>(
            "select count(*) from organizations where contact_email like @email", new { email = $"%@seed{seed}.example.cn" }) > 0
        || await db.ExecuteScalarAsync<long>("select count(*) from catalog_entries where code like @code", new { code = $"%-S{seed}-%" }) > 0;

    private sealed record SeededAgency(Guid Id, Agency Of);

    /// <summary>An enterprise as bids need it: who, and what it may bid for.</summary>
    private sealed record Enterprise(Guid Id, int MlpsLevel, int? ActiveGrade)
    {
        /// <summary>A valid GB 32100 code: 91 (company), the city, then the seed and the enterprise's number (unique per seed).</summary>
        public static string CreditCodeOf(int seed, int index, string city) =>
            UnifiedSocialCreditCode.Create("91" + city + (seed * 1_000_000 + index).ToString("D9", CultureInfo.InvariantCulture));
    }

    private static async Task<SeededAgency[]> AgenciesAsync(BulkWriter writer, ScaleSizes sizes, CancellationToken ct)
    {
        // The demo data's agencies carry the same names: reuse them rather than add a second 成都市卫生健康委员会.
        var existing = (await writer.Connection.QueryAsync<(Guid Id, string Name)>("select id, name_zh from organizations where kind = 'agency'"))
            .GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var random = new Random(sizes.Seed * 7 + 1);
        var seeded = Agencies.Select(a => new SeededAgency(existing.TryGetValue(a.NameZh, out var id) ? id : NextGuid(random), a)).ToArray();
        var created = sizes.AsOf.AddYears(-3);
        await writer.WriteAsync("organizations", OrganizationColumns, seeded.Where(a => !existing.ContainsKey(a.Of.NameZh)).Select((a, i) => new object?[]
        {
            a.Id, a.Of.NameZh, null, "agency", a.Of.Cities[0],
            UnifiedSocialCreditCode.Create("11" + a.Of.Cities[0] + (sizes.Seed * 1_000_000 + 990_000 + i).ToString("D9", CultureInfo.InvariantCulture)),
            null, true, 1L, created, created,
        }), ct);
        return seeded;
    }

    private static readonly string[] OrganizationColumns =
        ["id", "name_zh", "name_en", "kind", "region_code", "credit_code", "contact_email", "active", "row_version", "created_at", "updated_at"];

    private static async Task<Enterprise[]> EnterprisesAsync(BulkWriter writer, ScaleSizes sizes,
        Dictionary<string, (string Code, string Name, string Level, string? Parent)> regions, Dictionary<string, (Guid Id, string Name, string Region)> bases,
        Guid operatorId, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var random = new Random(sizes.Seed * 7 + 2);
        var rows = new List<EnterpriseRow>(sizes.Enterprises);
        for (var i = 0; i < sizes.Enterprises; i++) rows.Add(EnterpriseRow.Generate(random, i, sizes, regions, bases));

        // Eight tables, each about as long as the enterprises: progress counts the enterprises written through all eight.
        var tablesDone = 0;
        async Task Write(string table, string[] columns, IEnumerable<object?[]> values)
        {
            await writer.WriteAsync(table, columns, values, ct);
            progress.Report(new SeedProgress("enterprises", (long)rows.Count * ++tablesDone / 8, rows.Count));
        }
        await Write("organizations", OrganizationColumns, rows.Select(e => new object?[]
        {
            e.Id, e.LegalName, null, "enterprise", e.City, e.CreditCode, e.Email, true, 1L, e.Created, e.Created,
        }));
        await Write("enterprise_profiles",
            ["organization_id", "legal_name", "credit_code", "region_code", "address", "founded_on", "contact_name", "contact_phone", "contact_email",
                "base_id", "total_staff", "mlps_level", "iso27001", "secure_facility", "tools", "row_version", "created_at", "updated_at"],
            rows.Select(e => new object?[]
            {
                e.Id, e.LegalName, e.CreditCode, e.City, e.Address, e.FoundedOn, "张经理", e.Phone, e.Email, e.Base?.Id, e.TotalStaff, e.MlpsLevel,
                e.Iso27001, e.SecureFacility, e.Tools, 1L, e.Created, e.Created,
            }));
        await Write("enterprise_capabilities", ["enterprise_id", "modality", "task_type"],
            rows.SelectMany(e => e.Capabilities.Select(c => new object?[] { e.Id, c.Modality, c.TaskType })));
        await Write("enterprise_domains", ["enterprise_id", "domain_code"], rows.SelectMany(e => e.Domains.Select(d => new object?[] { e.Id, d })));
        await Write("enterprise_talent", ["enterprise_id", "skill_level", "annotators"],
            rows.SelectMany(e => e.Talent.Where(t => t.Value > 0).Select(t => new object?[] { e.Id, t.Key, t.Value })));
        await Write("certificates",
            ["id", "number", "enterprise_id", "grade", "status", "issued_on", "expires_on", "status_reason", "issued_by_organization_id",
                "supervising_region_code", "row_version", "updated_at"],
            rows.Where(e => e.Certificate is not null).Select(e => new object?[]
            {
                e.Certificate!.Id, e.Certificate.Number, e.Id, e.Certificate.Grade, e.Certificate.Status, e.Certificate.IssuedOn, e.Certificate.ExpiresOn,
                e.Certificate.Status == CertificateStatus.Active ? null : "抽查发现问题（规模数据）", operatorId, Province(regions, e.City), 1L, e.Created,
            }));
        await Write("enterprise_designations",
            ["id", "enterprise_id", "designation", "granted_on", "grant_reason", "granted_by_organization_id", "withdrawn_on", "withdrawal_reason"],
            rows.SelectMany(e => e.Designations.Select(d => new object?[]
            {
                NextGuid(random), e.Id, d, DateOnly.FromDateTime(e.Created.UtcDateTime).AddDays(200), "规模数据：认定", operatorId, null, null,
            })));
        await Write("enterprise_directory",
            ["enterprise_id", "legal_name", "credit_code", "region_code", "region_name_zh", "province_code", "base_id", "base_name_zh", "total_staff",
                "annotators", "senior_annotators", "mlps_level", "iso27001", "secure_facility", "clearance", "certificate_id", "certificate_number",
                "certificate_grade", "certificate_status", "certificate_expires_on", "designations", "capabilities", "domains", "designation_bits",
                "capability_bits_lo", "capability_bits_hi", "domain_bits", "quality_accepted_count", "quality_mean_accuracy", "quality_blend", "version",
                "updated_at"],
            rows.Select(e =>
            {
                var facts = new EnterpriseFacts(e.TotalStaff, e.Talent, e.MlpsLevel, e.Iso27001, e.SecureFacility);
                var capabilityBits = DirectoryBits.OfCapabilities(e.Capabilities);
                return new object?[]
                {
                    e.Id, e.LegalName, e.CreditCode, e.City, regions[e.City].Name, Province(regions, e.City), e.Base?.Id, e.Base?.Name, e.TotalStaff,
                    facts.Annotators, facts.SeniorAnnotators, e.MlpsLevel, e.Iso27001, e.SecureFacility,
                    Clearance.HighestLevel(e.MlpsLevel, e.Certificate?.Status == CertificateStatus.Active),
                    e.Certificate?.Id, e.Certificate?.Number, e.Certificate?.Grade, e.Certificate?.Status, e.Certificate?.ExpiresOn,
                    "," + string.Join(',', e.Designations.Order(StringComparer.Ordinal)) + ",",
                    "," + string.Join(',', e.Capabilities.OrderBy(c => c.Modality, StringComparer.Ordinal).ThenBy(c => c.TaskType, StringComparer.Ordinal)
                        .Select(c => $"{c.Modality}:{c.TaskType}")) + ",",
                    "," + string.Join(',', e.Domains.Order(StringComparer.Ordinal)) + ",",
                    DirectoryBits.OfDesignations(e.Designations), capabilityBits.Lo, capabilityBits.Hi, DirectoryBits.OfDomains(e.Domains),
                    0, null, QualityBlend.Unbarred(null), 1L, e.Created,
                };
            }));
        await Write("enterprise_name_grams", ["gram", "enterprise_id"],
            rows.SelectMany(e => DirectoryNameGrams.Of(e.LegalName).Select(gram => new object?[] { gram, e.Id })));
        return rows.Select(e => new Enterprise(e.Id, e.MlpsLevel, e.Certificate?.Status == CertificateStatus.Active ? e.Certificate.Grade : null)).ToArray();
    }

    private static string Province(Dictionary<string, (string Code, string Name, string Level, string? Parent)> regions, string code) =>
        regions[code].Level == "city" ? regions[code].Parent! : code;

    private sealed record CertificateRow(Guid Id, string Number, int Grade, string Status, DateOnly IssuedOn, DateOnly ExpiresOn);

    private sealed record EnterpriseRow(Guid Id, int Index, string City, string LegalName, string CreditCode, string Address, DateOnly FoundedOn,
        string Phone, string Email, (Guid Id, string Name, string Region)? Base, int TotalStaff, int MlpsLevel, bool Iso27001, bool SecureFacility,
        string Tools, (string Modality, string TaskType)[] Capabilities, string[] Domains, Dictionary<string, int> Talent, CertificateRow? Certificate,
        string[] Designations, DateTimeOffset Created)
    {
        private static readonly string[] CertificateStatuses =
        [
            CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active,
            CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Active, CertificateStatus.Expired, CertificateStatus.Suspended,
            CertificateStatus.Revoked,
        ];

        private static readonly string[] ToolNames = ["自研标注平台", "CVAT", "Label Studio", "LabelMe", "PaddleLabel", "数据质检系统"];

        public static EnterpriseRow Generate(Random random, int index, ScaleSizes sizes,
            Dictionary<string, (string Code, string Name, string Level, string? Parent)> regions, Dictionary<string, (Guid Id, string Name, string Region)> bases)
        {
            var id = NextGuid(random);
            var (city, cityName) = Cities[random.Next(Cities.Length)];
            var shortName = cityName.TrimEnd('市');
            var legalName = shortName + FirstWords[random.Next(FirstWords.Length)] + SecondWords[random.Next(SecondWords.Length)]
                + CompanySuffixes[random.Next(CompanySuffixes.Length)];
            (Guid Id, string Name, string Region)? onBase = bases.TryGetValue(city, out var cityBase) && random.NextDouble() < 0.4 ? cityBase : null;
            var totalStaff = 10 + (int)(Math.Pow(random.NextDouble(), 3) * 2990);
            var annotators = (int)(totalStaff * (0.4 + random.NextDouble() * 0.5));
            var senior = (int)(annotators * random.NextDouble() * 0.3);
            var technicians = senior / 3;
            var talent = new Dictionary<string, int>
            {
                ["level_5"] = (annotators - senior) / 2, ["level_4"] = annotators - senior - (annotators - senior) / 2,
                ["level_3"] = senior - technicians, ["level_2"] = technicians - technicians / 4, ["level_1"] = technicians / 4,
            };
            var mlps = random.Next(10) switch { < 3 => 1, < 8 => 2, _ => 3 };
            var created = sizes.AsOf.AddMinutes(-random.Next(30 * 24 * 60, 3 * 525_600));
            CertificateRow? certificate = null;
            if (random.NextDouble() < 0.55)
            {
                var grade = random.Next(100) switch { < 30 => 1, < 60 => 2, < 80 => 3, < 92 => 4, _ => 5 };
                var status = CertificateStatuses[random.Next(CertificateStatuses.Length)];
                var issued = DateOnly.FromDateTime(created.UtcDateTime).AddDays(random.Next(1, 25));
                var expires = status == CertificateStatus.Expired
                    ? DateOnly.FromDateTime(sizes.AsOf.UtcDateTime).AddDays(-random.Next(1, 200))
                    : DateOnly.FromDateTime(sizes.AsOf.UtcDateTime).AddDays(random.Next(30, 3 * 365));
                certificate = new CertificateRow(NextGuid(random), CertificateTerms.Number(issued.Year, city, grade, sizes.Seed * 1_000_000L + index + 1),
                    grade, status, issued, expires);
            }
            var designations = new List<string>();
            if (random.NextDouble() < 0.03) designations.Add("leading");
            if (random.NextDouble() < 0.02) designations.Add("gazelle");
            if (random.NextDouble() < 0.005) designations.Add("unicorn");
            if (random.NextDouble() < 0.08) designations.Add("sti");
            return new EnterpriseRow(id, index, city, legalName, Enterprise.CreditCodeOf(sizes.Seed, index, city),
                regions[city].Name + "高新区科创路" + (1 + random.Next(999)).ToString(CultureInfo.InvariantCulture) + "号",
                DateOnly.FromDateTime(created.UtcDateTime).AddYears(-random.Next(1, 15)),
                "028-" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                $"contact{index}@seed{sizes.Seed}.example.cn", onBase, totalStaff, mlps, random.NextDouble() < 0.35, random.NextDouble() < 0.25,
                JsonSerializer.Serialize(Pick(random, ToolNames, 1 + random.Next(3))),
                Pick(random, CapabilityPool, 2 + random.Next(2)),
                Pick(random, IndustryDomains.All.Select(d => d.Code).ToArray(), 2 + random.Next(2)),
                talent, certificate, [.. designations], created);
        }
    }

    private static async Task CatalogAsync(BulkWriter writer, ScaleSizes sizes, SeededAgency[] agencies, Func<string, string> province,
        IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var db = writer.Connection;
        var sqlite = writer.Provider == DatabaseProvider.Sqlite;
        // Codes continue each agency's own numbering; the full-text rowids continue the directory's.
        var sequences = new int[agencies.Length];
        var searchRowid = sqlite ? await db.ExecuteScalarAsync<long?>("select max(search_rowid) from catalog_directory") ?? 0 : 0;
        var picks = agencies.SelectMany((a, i) => Enumerable.Repeat(i, a.Of.Weight)).ToArray();
        var objectsByDomain = Objects.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => g.ToArray());
        var random = new Random(sizes.Seed * 7 + 3);

        // Generated in chunks so that a million entries never sit in memory at once; each chunk is written table by table.
        const int chunk = 100_000;
        for (var start = 0; start < sizes.Catalog; start += chunk)
        {
            var entries = new List<CatalogRow>(Math.Min(chunk, sizes.Catalog - start));
            for (var i = start; i < Math.Min(start + chunk, sizes.Catalog); i++)
            {
                var a = picks[random.Next(picks.Length)];
                var agency = agencies[a];
                var city = agency.Of.Cities[random.Next(agency.Of.Cities.Length)];
                var cityName = Cities.First(c => c.Code == city).Name;
                var domain = agency.Of.Domains[random.Next(agency.Of.Domains.Length)];
                var o = objectsByDomain[domain][random.Next(objectsByDomain[domain].Length)];
                var publishedAt = sizes.AsOf.AddSeconds(-random.Next(60, 3 * 365 * 86_400));
                var code = string.Create(CultureInfo.InvariantCulture, $"{agency.Of.CodePrefix}-S{sizes.Seed}-{publishedAt.Year}-{++sequences[a]:D7}");
                var title = cityName + Qualifiers[random.Next(Qualifiers.Length)] + o.Name + TitleSuffixes[random.Next(TitleSuffixes.Length)];
                var securityLevel = random.NextDouble() < 0.75 ? o.SecurityLevel : SecurityLevels[random.Next(SecurityLevels.Length)];
                var openness = securityLevel switch
                {
                    "core" => "restricted",
                    "important" => random.Next(4) == 3 ? "restricted" : "conditional",
                    _ => random.Next(4) == 1 ? "conditional" : "open",
                };
                entries.Add(new CatalogRow(NextGuid(random), agency, code, title, cityName + o.Detail, domain,
                    Pick(random, o.Modalities, 1 + (random.NextDouble() < 0.3 ? 1 : 0)), Pick(random, o.TaskTypes, 1 + (random.NextDouble() < 0.4 ? 1 : 0)),
                    Math.Round(o.Volume * (decimal)(0.25 + random.NextDouble() * 3.75)), o.Unit, securityLevel, openness,
                    openness == "conditional" ? "经申请审核，在授权范围内使用" : null, city, publishedAt, ++searchRowid));
            }

            async Task Write(string table, string[] columns, IEnumerable<object?[]> values) => await writer.WriteAsync(table, columns, values, ct);
            await Write("catalog_entries",
                ["id", "agency_id", "code", "status", "draft_version", "published_version", "latest_version", "withdrawn_reason", "row_version", "created_at", "updated_at"],
                entries.Select(e => new object?[] { e.Id, e.Agency.Id, e.Code, "published", null, 1, 1, null, 2L, e.PublishedAt.AddDays(-3), e.PublishedAt }));
            await Write("catalog_entry_versions",
                ["entry_id", "version", "title", "description", "domain", "modalities", "task_types", "volume", "volume_unit", "security_level", "openness",
                    "openness_conditions", "region_code", "source_system", "update_frequency", "contact", "published_at", "created_at"],
                entries.Select(e => new object?[]
                {
                    e.Id, 1, e.Title, e.Description, e.Domain, List(e.Modalities), List(e.TaskTypes), e.Volume, e.Unit, e.SecurityLevel, e.Openness,
                    e.OpennessConditions, e.City, "政务数据共享交换平台", "monthly", e.Agency.Of.NameZh + " 数据管理处", e.PublishedAt, e.PublishedAt.AddDays(-3),
                }));
            var directoryColumns = new List<string>
            {
                "entry_id", "agency_id", "agency_name_zh", "code", "version", "title", "description", "domain", "modalities", "task_types", "volume",
                "volume_unit", "security_level", "openness", "region_code", "province_code", "published_at", "terms",
            };
            if (sqlite) directoryColumns.Add("search_rowid");
            await Write("catalog_directory", [.. directoryColumns], entries.Select(e =>
            {
                object?[] row =
                [
                    e.Id, e.Agency.Id, e.Agency.Of.NameZh, e.Code, 1, e.Title, e.Description, e.Domain, List(e.Modalities), List(e.TaskTypes), e.Volume,
                    e.Unit, e.SecurityLevel, e.Openness, e.City, province(e.City), e.PublishedAt, e.Terms,
                ];
                return sqlite ? [.. row, e.SearchRowid] : row;
            }));
            await Write("catalog_directory_modalities", ["entry_id", "modality"], entries.SelectMany(e => e.Modalities.Select(m => new object?[] { e.Id, m })));
            await Write("catalog_directory_task_types", ["entry_id", "task_type"], entries.SelectMany(e => e.TaskTypes.Select(t => new object?[] { e.Id, t })));
            // PostgreSQL and SQL Server index the directory's terms column themselves; SQLite's FTS5 table is written beside it.
            if (sqlite) await Write("catalog_search", ["rowid", "terms"], entries.Select(e => new object?[] { e.SearchRowid, e.Terms }));
            progress.Report(new SeedProgress("catalog", start + entries.Count, sizes.Catalog));
        }
        if (sqlite) await db.ExecuteAsync(new CommandDefinition("insert into catalog_search (catalog_search) values ('optimize')", commandTimeout: 3600, cancellationToken: ct));
    }

    private sealed record CatalogRow(Guid Id, SeededAgency Agency, string Code, string Title, string Description, string Domain, string[] Modalities,
        string[] TaskTypes, decimal Volume, string Unit, string SecurityLevel, string Openness, string? OpennessConditions, string City,
        DateTimeOffset PublishedAt, long SearchRowid)
    {
        public string Terms { get; } = SearchTerms.Index(Code, Title, Description, Agency.Of.NameZh);
    }

    private static async Task DemandsAsync(BulkWriter writer, ScaleSizes sizes, SeededAgency[] agencies, Enterprise[] enterprises,
        Dictionary<string, (Guid Id, string Name, string Region)> bases, Func<string, string> ocid, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var db = writer.Connection;
        var random = new Random(sizes.Seed * 7 + 4);
        var picks = agencies.SelectMany((a, i) => Enumerable.Repeat(i, a.Of.Weight)).ToArray();
        var objectsByDomain = Objects.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => g.ToArray());
        // Numbers continue the platform's own XQ-{year}-{sequence}, which PublishDemand counts per year.
        var numbers = new Dictionary<int, long>();
        async Task<string> NumberAsync(int year)
        {
            if (!numbers.TryGetValue(year, out var last))
                last = await db.ExecuteScalarAsync<long>("select count(*) from demands where number like @pattern", new { pattern = $"XQ-{year}-%" });
            numbers[year] = ++last;
            return string.Create(CultureInfo.InvariantCulture, $"XQ-{year}-{last:D6}");
        }

        var demands = new List<DemandRow>(sizes.Demands);
        for (var i = 0; i < sizes.Demands; i++)
        {
            var agency = agencies[picks[random.Next(picks.Length)]];
            var city = agency.Of.Cities[random.Next(agency.Of.Cities.Length)];
            var cityName = Cities.First(c => c.Code == city).Name;
            var domain = agency.Of.Domains[random.Next(agency.Of.Domains.Length)];
            var o = objectsByDomain[domain][random.Next(objectsByDomain[domain].Length)];
            var status = random.Next(100) switch
            {
                < 50 => DemandStatus.Open, < 65 => DemandStatus.Evaluating, < 85 => DemandStatus.Unsuccessful, _ => DemandStatus.Cancelled,
            };
            var publishedAt = status == DemandStatus.Open
                ? sizes.AsOf.AddMinutes(-random.Next(60, 30 * 24 * 60))
                : sizes.AsOf.AddMinutes(-random.Next(45 * 24 * 60, 2 * 525_600));
            var deadline = status == DemandStatus.Open
                ? sizes.AsOf.AddMinutes(random.Next(24 * 60, 40 * 24 * 60))
                : publishedAt.AddDays(random.Next(15, 40));
            var volume = Math.Round(o.Volume * (decimal)(0.05 + random.NextDouble() * 0.5));
            var comprehensive = random.NextDouble() < 0.6;
            var securityLevel = random.NextDouble() < 0.8 ? o.SecurityLevel : SecurityLevels[random.Next(2)];
            demands.Add(new DemandRow(NextGuid(random), agency.Id, await NumberAsync(ChinaYear(publishedAt)),
                cityName + o.Name + Qualifiers[random.Next(Qualifiers.Length)] + "标注服务采购",
                cityName + o.Detail + "本项目采购数据标注服务，要求按标注规范完成并通过抽检验收。",
                "按《" + o.Name + "标注规范》逐条标注：" + string.Join("、", o.TaskTypes) + "；抽检比例不低于5%，准确率达标后交付。",
                domain, o.Modalities[0], List(o.TaskTypes), Math.Max(1, volume), o.Unit, 0.90m + random.Next(0, 9) / 100m,
                Math.Round(Math.Max(1, volume) * (decimal)(0.5 + random.NextDouble() * 4), 2), random.Next(1, 5), securityLevel, city,
                bases.TryGetValue(city, out var b) && random.NextDouble() < 0.15 ? b.Id : null,
                comprehensive ? "comprehensive" : "lowest_price", comprehensive ? 40 : 100, comprehensive ? 40 : 0, comprehensive ? 20 : 0,
                deadline, DateOnly.FromDateTime(deadline.UtcDateTime).AddDays(random.Next(30, 180)), random.Next(1, 4), status,
                status switch
                {
                    DemandStatus.Cancelled => "预算调整，项目取消",
                    DemandStatus.Unsuccessful => "有效投标不足",
                    _ => null,
                },
                publishedAt, status == DemandStatus.Open ? null : deadline));
        }
        // Who bids on what is decided before the demands are written: a closed demand is in evaluation only with enough eligible bids.
        var bidders = PlanBids(sizes, demands, enterprises, random);
        for (var d = 0; d < demands.Count; d++)
        {
            var demand = demands[d];
            if (demand.Status is not (DemandStatus.Evaluating or DemandStatus.Unsuccessful)) continue;
            var eligible = bidders[d].Count(e => Eligibility(demand, enterprises[e]) is null);
            demands[d] = eligible >= demand.MinimumEligibleBids
                ? demand with { Status = DemandStatus.Evaluating, StatusReason = null }
                : demand with { Status = DemandStatus.Unsuccessful, StatusReason = "有效投标不足" };
        }
        // The board's keyword index, as DemandSearchIndex writes it at publication; SQLite's FTS5 rowids continue the table's.
        var sqlite = writer.Provider == DatabaseProvider.Sqlite;
        var searchRowid = sqlite ? await db.ExecuteScalarAsync<long?>("select max(search_rowid) from demands") ?? 0 : 0;
        var terms = demands.Select(d => SearchTerms.Index(d.Number, d.Title, d.Description)).ToArray();
        var columns = new List<string>
        {
            "id", "agency_id", "catalog_entry_id", "number", "ocid", "title", "description", "task_specification", "positive_examples", "negative_examples",
            "domain", "modality", "task_types", "volume", "volume_unit", "minimum_accuracy", "budget_ceiling", "required_grade", "security_level",
            "region_code", "preferred_base_id", "evaluation_method", "price_weight", "technical_weight", "quality_weight", "bid_deadline", "due_date",
            "minimum_eligible_bids", "status", "status_reason", "published_at", "closed_at", "row_version", "created_at", "updated_at", "terms",
        };
        if (sqlite) columns.Add("search_rowid");
        await writer.WriteAsync("demands", columns,
            Counted(demands.Select((d, i) =>
            {
                object?[] row =
                [
                    d.Id, d.AgencyId, null, d.Number, ocid(d.Number), d.Title, d.Description, d.TaskSpecification, "[\"与规范示例一致的标注\"]",
                    "[\"漏标或错标的样本\"]", d.Domain, d.Modality, d.TaskTypes, d.Volume, d.Unit, d.MinimumAccuracy, d.BudgetCeiling, d.RequiredGrade,
                    d.SecurityLevel, d.City, d.PreferredBaseId, d.Evaluation, d.PriceWeight, d.TechnicalWeight, d.QualityWeight, d.Deadline, d.DueDate,
                    d.MinimumEligibleBids, d.Status, d.StatusReason, d.PublishedAt, d.ClosedAt, 2L, d.PublishedAt.AddHours(-2), d.ClosedAt ?? d.PublishedAt,
                    terms[i],
                ];
                return sqlite ? [.. row, searchRowid + i + 1] : row;
            }), "demands", sizes.Demands, progress), ct);
        if (sqlite)
        {
            await writer.WriteAsync("demand_search", ["rowid", "terms"], terms.Select((t, i) => new object?[] { searchRowid + i + 1, t }), ct);
            await db.ExecuteAsync(new CommandDefinition("insert into demand_search (demand_search) values ('optimize')", commandTimeout: 3600, cancellationToken: ct));
        }
        if (sizes.Bids > 0) await BidsAsync(writer, sizes, demands, enterprises, bidders, random, progress, ct);
    }

    /// <summary>
    /// The enterprises bidding on each demand: long-tailed (most demands draw a few bids, some many), scaled so the total is what
    /// was asked for; none on a cancelled demand.
    /// </summary>
    private static int[][] PlanBids(ScaleSizes sizes, List<DemandRow> demands, Enterprise[] enterprises, Random random)
    {
        if (sizes.Bids == 0) return demands.Select(_ => Array.Empty<int>()).ToArray();
        var weights = demands.Select(d => d.Status == DemandStatus.Cancelled ? 0 : Math.Pow(random.NextDouble(), 2.5)).ToArray();
        var scale = sizes.Bids / Math.Max(weights.Sum(), double.Epsilon);
        var counts = weights.Select(w => Math.Min(enterprises.Length, (int)Math.Floor(w * scale))).ToArray();
        var open = Enumerable.Range(0, demands.Count).Where(d => weights[d] > 0).ToArray();
        for (long missing = sizes.Bids - counts.Sum(c => (long)c); missing > 0 && open.Length > 0; missing--)
        {
            var d = open[random.Next(open.Length)];
            if (counts[d] < enterprises.Length) counts[d]++;
            else if (open.All(o => counts[o] >= enterprises.Length)) break;
        }
        var chosen = new HashSet<int>();
        return counts.Select(count =>
        {
            chosen.Clear();
            while (chosen.Count < count) chosen.Add(random.Next(enterprises.Length));
            return chosen.ToArray();
        }).ToArray();
    }

    /// <summary>Why a bid is ineligible at closing by the certificate, grade and data security rules; null when it is eligible.</summary>
    private static string? Eligibility(DemandRow demand, Enterprise enterprise) => enterprise switch
    {
        { ActiveGrade: null } => "The enterprise holds no active certificate.",
        { ActiveGrade: { } grade } when grade < demand.RequiredGrade =>
            $"The demand requires certificate grade {demand.RequiredGrade} or higher; the enterprise holds grade {grade}.",
        { MlpsLevel: < 3 } when demand.SecurityLevel == "important" =>
            $"Important data needs MLPS (等级保护) level 3 or higher; the enterprise has level {enterprise.MlpsLevel}.",
        _ => null,
    };

    private sealed record DemandRow(Guid Id, Guid AgencyId, string Number, string Title, string Description, string TaskSpecification, string Domain,
        string Modality, string TaskTypes, decimal Volume, string Unit, decimal MinimumAccuracy, decimal BudgetCeiling, int RequiredGrade,
        string SecurityLevel, string City, Guid? PreferredBaseId, string Evaluation, int PriceWeight, int TechnicalWeight, int QualityWeight,
        DateTimeOffset Deadline, DateOnly DueDate, int MinimumEligibleBids, string Status, string? StatusReason, DateTimeOffset PublishedAt,
        DateTimeOffset? ClosedAt);

    private static async Task BidsAsync(BulkWriter writer, ScaleSizes sizes, List<DemandRow> demands, Enterprise[] enterprises, int[][] bidders,
        Random random, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        IEnumerable<object?[]> Rows()
        {
            for (var d = 0; d < demands.Count; d++)
            {
                var demand = demands[d];
                foreach (var e in bidders[d])
                {
                    var enterprise = enterprises[e];
                    var price = Math.Round(demand.BudgetCeiling * (decimal)(0.55 + random.NextDouble() * 0.45), 2);
                    var accuracy = Math.Min(0.999m, demand.MinimumAccuracy + random.Next(0, 8) / 100m);
                    var submitted = demand.PublishedAt + (Min(demand.Deadline, sizes.AsOf) - demand.PublishedAt) * random.NextDouble();
                    var reason = demand.Status == DemandStatus.Open ? null : Eligibility(demand, enterprise);
                    var status = demand.Status == DemandStatus.Open ? BidStatus.Live : reason is null ? BidStatus.Eligible : BidStatus.Ineligible;
                    yield return
                    [
                        NextGuid(random), demand.Id, enterprise.Id, price, BidRules.UnitPrice(price, demand.Volume), demand.DueDate.AddDays(-random.Next(0, 20)),
                        accuracy, 5 + random.Next(200), "团队具备" + demand.Modality + "标注经验，采用两级质检流程，按期交付。", status,
                        demand.Status == DemandStatus.Open ? null : reason is null, reason, submitted, demand.ClosedAt ?? submitted,
                    ];
                }
            }
        }
        await writer.WriteAsync("bids",
            ["id", "demand_id", "enterprise_id", "price", "unit_price", "delivery_date", "accuracy", "team_size", "technical_summary", "status", "eligible",
                "ineligibility_reason", "submitted_at", "updated_at"],
            Counted(Rows(), "bids", bidders.Sum(b => (long)b.Length), progress), ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static int ChinaYear(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).Year;

    private static string List(IEnumerable<string> values) => "," + string.Join(',', values) + ",";

    private static IEnumerable<object?[]> Counted(IEnumerable<object?[]> rows, string stage, long total, IProgress<SeedProgress> progress, long done = 0)
    {
        foreach (var row in rows)
        {
            yield return row;
            if (++done % ReportEvery == 0) progress.Report(new SeedProgress(stage, done, total));
        }
        progress.Report(new SeedProgress(stage, done, Math.Max(done, total)));
    }
}
