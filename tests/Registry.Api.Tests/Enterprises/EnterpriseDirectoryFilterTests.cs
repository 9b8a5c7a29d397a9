using System.Data.Common;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Common.Search;
using Registry.Application.Enterprises;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Migrations;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// The directory writes into its statements only the filters a search sent. Whatever the combination, it answers what the
/// documented rules say of the rows: every filter alone, lists of several values, three filters together, each sort, every page,
/// with the exact total. The expected answer is worked out here from the directory and its capability, domain and designation rows,
/// in the order the database itself gives the sort.
/// </summary>
public abstract class EnterpriseDirectoryFilterTests(RegistryApi api) : IAsyncLifetime
{
    private static readonly ScaleSizes Sizes = new(Enterprises: 400, Catalog: 0, Demands: 0, Bids: 0, Seed: 23,
        AsOf: new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));

    private static readonly Dictionary<string, string> Orders = new(StringComparer.Ordinal)
    {
        ["name"] = "d.legal_name",
        ["grade"] = "coalesce(d.certificate_grade, 0) desc, d.legal_name",
        ["capacity"] = "d.annotators desc, d.legal_name",
        ["quality"] = "d.quality_blend desc, d.legal_name",
    };

    public async Task InitializeAsync()
    {
        await using var connection = await OpenAsync();
        if (await ScaleSeed.IsSeededAsync(connection, Sizes.Seed)) return;
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, Sizes, number => "ocds-filters-" + number, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DbConnection> OpenAsync() => await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);

    [Fact]
    public async Task Every_filter_alone_and_combined_gives_what_the_rules_say_in_every_sort_and_on_every_page()
    {
        var rows = await RowsAsync();
        Assert.True(rows.Count >= Sizes.Enterprises, $"{rows.Count} directory rows");
        // Values that the seeded rows hold, so that each filter selects some rows and leaves others.
        var province = Busiest(rows.Select(r => r.RegionCode[..2] + "0000"));
        var city = Busiest(rows.Where(r => r.RegionCode.StartsWith(province[..2], StringComparison.Ordinal)).Select(r => r.RegionCode));
        var baseId = Busiest(rows.Where(r => r.BaseId is not null).Select(r => r.BaseId!.Value.ToString()));
        var word = Busiest(rows.Select(r => r.LegalName.Substring(2, 2)));
        var character = Busiest(rows.Select(r => r.LegalName.Substring(3, 1)));
        var phrase = Busiest(rows.Select(r => r.LegalName.Substring(2, 4)));
        var code = rows[rows.Count / 2].CreditCode.ToLowerInvariant();
        var designation = Busiest(rows.SelectMany(r => r.Designations));

        var queries = new List<string>
        {
            "", "q=" + Uri.EscapeDataString(word), "q=" + code, "q=" + Uri.EscapeDataString(character), "q=" + Uri.EscapeDataString(phrase),
            $"region={province}", $"region={city}", $"baseId={baseId}",
            "minGrade=3", "certificateStatus=active", "certificateStatus=expired", "certificateStatus=none",
            "modality=image", "modality=image&modality=audio", "taskType=segmentation", "taskType=segmentation&taskType=classification",
            "modality=image&taskType=segmentation", "modality=text&modality=image&taskType=classification&taskType=segmentation",
            "domain=healthcare", "domain=healthcare&domain=finance", $"designation={designation}", "designation=sti&designation=gazelle",
            "clearance=general", "clearance=important",
            // Three filters together, mixing the directory row's own columns and the profile's lists.
            $"region={province}&taskType=segmentation&taskType=classification&minGrade=2",
            $"domain=healthcare&designation={designation}&clearance=general",
            $"q={Uri.EscapeDataString(word)}&modality=text&certificateStatus=active",
            $"q={Uri.EscapeDataString(phrase)}&region={province}&clearance=general",
            $"baseId={baseId}&taskType=segmentation&domain=finance",
            $"region={city}&certificateStatus=none&modality=image&modality=video",
            $"minGrade=1&clearance=important&domain=healthcare&domain=education",
            "modality=image&taskType=bounding_box&domain=transport&certificateStatus=active&clearance=general",
        };

        await using var connection = await OpenAsync();
        foreach (var (sort, orderBy) in Orders)
        {
            var ordered = (await connection.QueryAsync<Guid>($"select d.enterprise_id from enterprise_directory d order by {orderBy}, d.enterprise_id")).ToList();
            var byId = rows.ToDictionary(r => r.Id);
            foreach (var query in sort == "name" ? queries : queries.Where((_, i) => i % 3 == 0))
            {
                var filter = Parse(query);
                var expected = ordered.Where(id => Matches(byId[id], filter)).ToList();
                var (total, items) = await AllPagesAsync($"{query}&sort={sort}");
                Assert.True(expected.Count == total, $"{query}&sort={sort}: total {total}, expected {expected.Count}");
                Assert.True(expected.SequenceEqual(items), $"{query}&sort={sort}: other rows or another order");
            }
        }
        // The filters are not vacuous here: each single filter leaves some rows out and keeps some.
        foreach (var query in queries.Skip(1).Take(23))
        {
            var count = rows.Count(r => Matches(r, Parse(query)));
            Assert.True(count > 0 && count < rows.Count, $"{query} matches {count} of {rows.Count}");
        }
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_keeps_the_exact_total()
    {
        var first = await (await api.CreateClient().GetAsync("/api/v1/enterprises?taskType=segmentation&pageSize=100")).SucceededJsonAsync();
        var total = first.GetProperty("total").GetInt32();
        var past = await (await api.CreateClient().GetAsync($"/api/v1/enterprises?taskType=segmentation&pageSize=100&page={total / 100 + 2}")).SucceededJsonAsync();
        Assert.Equal(total, past.GetProperty("total").GetInt32());
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Every_directory_row_carries_the_bit_sets_of_its_list_rows_as_the_migration_computes_them()
    {
        var rows = await RowsAsync();
        await using var connection = await OpenAsync();
        // The stored bits (written by seed-scale, the demo data's commands and the projection), and the migration's own expressions
        // that filled the rows existing when the columns came, on this provider.
        var stored = (await connection.QueryAsync<Bits>($"""
            select d.enterprise_id as id, d.capability_bits_lo as lo, d.capability_bits_hi as hi, d.domain_bits as domains,
                d.designation_bits as designations,
                {DirectoryBits.CapabilityBitsSql("d", hi: false)} as sql_lo, {DirectoryBits.CapabilityBitsSql("d", hi: true)} as sql_hi,
                {DirectoryBits.DomainBitsSql("d")} as sql_domains, {DirectoryBits.DesignationBitsSql("d")} as sql_designations
            from enterprise_directory d
            """)).ToDictionary(b => b.Id);
        Assert.Equal(rows.Count, stored.Count);
        foreach (var row in rows)
        {
            var bits = stored[row.Id];
            var (lo, hi) = DirectoryBits.OfCapabilities(row.Capabilities.Select(c => (c.Modality, c.TaskType)));
            var expected = (lo, hi, DirectoryBits.OfDomains(row.Domains), DirectoryBits.OfDesignations(row.Designations));
            Assert.Equal(expected, (bits.Lo, bits.Hi, bits.Domains, bits.Designations));
            Assert.Equal(expected, (bits.SqlLo, bits.SqlHi, bits.SqlDomains, bits.SqlDesignations));
        }
        Assert.Contains(stored.Values, b => b.Hi != 0);
    }

    [Fact]
    public async Task A_profile_update_that_changes_capabilities_and_domains_changes_what_the_lists_find()
    {
        var (client, id, name, code) = await EnterpriseArrange.UnregisteredAsync(api);
        var registered = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, code,
            capabilities: [Cap("audio", "transcription"), Cap("image", "bounding_box")], domains: ["healthcare", "education"])));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var q = "q=" + Uri.EscapeDataString(name);

        // A capability pairs a listed modality with a listed task type: audio and bounding boxes are held, but not together.
        Assert.Equal(0, await TotalAsync($"{q}&modality=audio&taskType=bounding_box"));
        Assert.Equal(1, await TotalAsync($"{q}&modality=audio&taskType=transcription"));
        Assert.Equal(1, await TotalAsync($"{q}&modality=video&modality=image&taskType=segmentation&taskType=bounding_box"));
        Assert.Equal(0, await TotalAsync($"{q}&modality=video&modality=text&taskType=transcription&taskType=bounding_box"));
        Assert.Equal(1, await TotalAsync($"{q}&domain=finance&domain=education"));
        Assert.Equal(0, await TotalAsync($"{q}&domain=finance"));

        // Multimodal quality assessment is the last pair (in the second capability column), "other" the last domain.
        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}")
        {
            Content = JsonBody.Of(EnterpriseArrange.Profile(name, code,
                capabilities: [Cap("audio", "bounding_box"), Cap("multimodal", "quality_assessment")], domains: ["finance", "other"])),
        };
        update.Headers.IfMatch.Add(registered.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(update)).StatusCode);

        Assert.Equal(1, await TotalAsync($"{q}&modality=audio&taskType=bounding_box"));
        Assert.Equal(0, await TotalAsync($"{q}&modality=audio&taskType=transcription"));
        Assert.Equal(0, await TotalAsync($"{q}&modality=image"));
        Assert.Equal(1, await TotalAsync($"{q}&taskType=quality_assessment"));
        Assert.Equal(1, await TotalAsync($"{q}&modality=multimodal&taskType=quality_assessment&taskType=classification"));
        Assert.Equal(0, await TotalAsync($"{q}&modality=multimodal&taskType=bounding_box"));
        Assert.Equal(1, await TotalAsync($"{q}&domain=other"));
        Assert.Equal(1, await TotalAsync($"{q}&domain=agriculture&domain=finance"));
        Assert.Equal(0, await TotalAsync($"{q}&domain=healthcare&domain=education"));
    }

    [Fact]
    public async Task A_withdrawn_designation_no_longer_matches_whatever_its_withdrawal_date_and_a_new_grant_matches_again()
    {
        var name = "称号位测试" + Guid.NewGuid().ToString("N")[..6];
        var (_, registered) = await EnterpriseArrange.RegisteredAsync(api, "510100", name);
        var q = "q=" + Uri.EscapeDataString(name);
        var regulator = await api.ClientAsAsync("nda");
        async Task Grant(string designation) => await (await regulator.PostAsync($"/api/v1/enterprises/{registered}/designations",
            JsonBody.Of(new { designation, grantedOn = "2026-10-01", reason = "认定" }))).SucceededJsonAsync();
        async Task Withdraw(string designation, string on) => await (await regulator.PostAsync(
            $"/api/v1/enterprises/{registered}/designations/{designation}/withdraw", JsonBody.Of(new { withdrawnOn = on, reason = "复核" }))).SucceededJsonAsync();

        await Grant("sti");
        await Grant("unicorn");
        Assert.Equal(1, await TotalAsync($"{q}&designation=sti"));
        Assert.Equal(1, await TotalAsync($"{q}&designation=leading&designation=unicorn"));

        // Withdrawn, even with a date still to come, a designation is no longer held (as the enterprise's detail says).
        await Withdraw("sti", "2099-01-01");
        Assert.Equal(0, await TotalAsync($"{q}&designation=sti"));
        Assert.Equal(1, await TotalAsync($"{q}&designation=sti&designation=unicorn"));
        await Withdraw("unicorn", "2026-11-20");
        Assert.Equal(0, await TotalAsync($"{q}&designation=sti&designation=unicorn"));

        await Grant("sti");
        Assert.Equal(1, await TotalAsync($"{q}&designation=sti"));
        Assert.Equal(0, await TotalAsync($"{q}&designation=unicorn"));
    }

    [Fact]
    public async Task A_name_search_finds_exactly_what_the_providers_like_finds_whatever_the_letters()
    {
        // Letters whose case, width or form the providers' comparisons fold differently, wildcards typed as text, and characters that
        // are never grams (é, a character beyond the basic plane): the grams only choose the names tested, so each search must
        // answer what the provider's own like answers over every name.
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] names =
        [
            $"Ａｌｐｈａ标注{tag}科技有限公司", $"ALPHA数据{tag}有限公司", $"alpha智能{tag}科技", $"\u212Aelvin标注{tag}", $"\u0130stanbul标注{tag}", $"Été标注{tag}",
            $"50%_折扣标注{tag}", $"\U00020000生僻{tag}标注", $"川渝[智]标{tag}",
        ];
        foreach (var name in names) await EnterpriseArrange.RegisteredAsync(api, "510100", name);
        string[] queries =
        [
            "alpha", "ALPHA", "Alpha", "ａｌｐｈａ", "ＡＬＰＨＡ", "k", "K", "kelvin", "\u212A", "istanbul", "İSTANBUL", "i", "été", "ÉTÉ", "Été", "é", "%", "_", "50%_", "0%",
            "标", "标注", tag, tag.ToUpperInvariant(), "\U00020000", "\U00020000生", "生僻", "[智]", "[", "lpha智", $"注{tag}科技有限", "α",
        ];
        var factory = api.Services.GetRequiredService<IConnectionFactory>();
        await using var connection = await OpenAsync();
        var scan = $"""
            select d.enterprise_id from enterprise_directory d
            where ({factory.Dialect.ContainsIgnoreCase("d.legal_name", "@qLike")} or d.credit_code = @code)
            order by d.legal_name, d.enterprise_id
            """;
        foreach (var q in queries)
        {
            var expected = (await connection.QueryAsync<Guid>(scan, new { qLike = "%" + Like.Escape(q) + "%", code = q.ToUpperInvariant() })).ToList();
            var (total, items) = await AllPagesAsync("q=" + Uri.EscapeDataString(q));
            Assert.True(expected.Count == total, $"q={q}: total {total}, the provider's like finds {expected.Count}");
            Assert.True(expected.SequenceEqual(items), $"q={q}: other rows or another order");
        }
        // Not vacuous: every name holds the tag, and both providers fold ASCII case.
        Assert.Equal(names.Length, await TotalAsync("q=" + tag));
        Assert.True(await TotalAsync("q=ALPHA") >= 2);
    }

    [Fact]
    public async Task A_name_search_answers_the_same_whether_it_starts_from_a_gram_or_reads_every_name()
    {
        var rows = await RowsAsync();
        var province = Busiest(rows.Select(r => r.RegionCode[..2] + "0000"));
        string[] searches =
        [
            Busiest(rows.Select(r => r.LegalName.Substring(3, 1))), Busiest(rows.Select(r => r.LegalName.Substring(2, 2))),
            Busiest(rows.Select(r => r.LegalName.Substring(2, 4))), rows[7].LegalName[^5..], rows[rows.Count / 3].CreditCode,
            rows[rows.Count / 3].CreditCode.ToLowerInvariant(), "有限公司", "无此名称",
        ];
        var db = api.Services.CreateScope().ServiceProvider.GetRequiredService<IReadDb>();
        // Every name read (0), a gram only when very rare (1, 30), the default, and always a gram.
        var handlers = new[] { 0, 1, 30, new SearchOptions().DirectoryGramNamesAtMost, int.MaxValue }
            .Select(atMost => new SearchEnterprisesHandler(db, new SearchOptions { DirectoryGramNamesAtMost = atMost })).ToList();
        var found = 0;
        foreach (var q in searches)
        foreach (var (region, modality, status) in new[] { ((string?)null, (string[]?)null, (string?)null), (province, null, null), (null, ["image"], "active") })
        foreach (var sort in new[] { "name", "capacity" })
        foreach (var page in new[] { 1, 3 })
        {
            var search = new SearchEnterprises(q, region, null, modality, null, null, null, status, null, null, sort, page, PageSize: 7);
            var answers = new List<string>();
            foreach (var handler in handlers)
            {
                var answer = await handler.Handle(search, default);
                answers.Add($"{answer.Total}: {string.Join(",", answer.Items.Select(i => i.Id))}");
                if (answer.Items.Count > 0) found++;
            }
            Assert.True(answers.Distinct().Count() == 1, $"q={q} region={region} modality={modality?.FirstOrDefault()} status={status} sort={sort} page={page}:\n"
                + string.Join("\n", answers));
        }
        Assert.True(found > searches.Length * 2 * handlers.Count, $"only {found} non-empty answers");
    }

    [Fact]
    public async Task Every_directory_row_has_the_grams_of_its_name_and_the_migration_writes_the_same()
    {
        await using var connection = await OpenAsync();
        async Task<Dictionary<Guid, string[]>> StoredAsync() =>
            (await connection.QueryAsync<Listed>("select enterprise_id, gram as value from enterprise_name_grams")).GroupBy(g => g.EnterpriseId)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Value).Order(StringComparer.Ordinal).ToArray());
        var names = (await connection.QueryAsync<Row>("select enterprise_id as id, legal_name from enterprise_directory")).ToList();
        var expected = names.ToDictionary(n => n.Id, n => DirectoryNameGrams.Of(n.LegalName).Order(StringComparer.Ordinal).ToArray());

        // Written by seed-scale, the demo data's commands and the projection.
        var stored = await StoredAsync();
        Assert.Equal(expected.Count, stored.Count);
        foreach (var (id, grams) in expected) Assert.Equal(grams, stored[id]);

        // Written again by the migration's backfill, from the names alone.
        await connection.ExecuteAsync("delete from enterprise_name_grams");
        M202612031200_AddEnterpriseNameGrams.Backfill(connection, null);
        stored = await StoredAsync();
        Assert.Equal(expected.Count, stored.Count);
        foreach (var (id, grams) in expected) Assert.Equal(grams, stored[id]);
    }

    [Fact]
    public async Task A_renamed_enterprise_is_found_by_its_new_name_and_no_longer_by_its_former_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", $"旧名澜沧{tag}标注有限公司");
        Assert.Equal(1, await TotalAsync("q=" + Uri.EscapeDataString($"澜沧{tag}")));

        var admin = await api.ClientAsAsync("admin");
        var organization = await admin.GetAsync($"/api/v1/organizations/{id}");
        var change = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{id}/identity-changes")
        {
            Content = JsonBody.Of(new { nameZh = $"新名岷江{tag}标注有限公司", reason = "经核准更名" }),
        };
        change.Headers.IfMatch.Add(organization.Headers.ETag!);
        await (await admin.SendAsync(change)).SucceededJsonAsync();

        Assert.Equal(0, await TotalAsync("q=" + Uri.EscapeDataString($"澜沧{tag}")));
        Assert.Equal(0, await TotalAsync("q=" + Uri.EscapeDataString("澜沧")));
        Assert.Equal(1, await TotalAsync("q=" + Uri.EscapeDataString($"岷江{tag}")));
        await using var connection = await OpenAsync();
        var grams = (await connection.QueryAsync<string>("select gram from enterprise_name_grams where enterprise_id = @id", new { id }))
            .Order(StringComparer.Ordinal);
        Assert.Equal(DirectoryNameGrams.Of($"新名岷江{tag}标注有限公司").Order(StringComparer.Ordinal), grams);
    }

    private static object Cap(string modality, string taskType) => new { modality, taskType };

    private async Task<int> TotalAsync(string query) =>
        (await (await api.CreateClient().GetAsync($"/api/v1/enterprises?{query}")).SucceededJsonAsync()).GetProperty("total").GetInt32();

    private async Task<(int Total, List<Guid> Items)> AllPagesAsync(string query)
    {
        var items = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var body = await (await api.CreateClient().GetAsync($"/api/v1/enterprises?{query}&pageSize=100&page={page}")).SucceededJsonAsync();
            var ids = body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
            items.AddRange(ids);
            var total = body.GetProperty("total").GetInt32();
            if (ids.Count < 100 || items.Count >= total) return (total, items);
        }
    }

    private static string Busiest(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private static ILookup<string, string> Parse(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToLookup(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    /// <summary>The rules as the directory documents them: list values are alternatives, separate filters must all hold.</summary>
    private static bool Matches(Row r, ILookup<string, string> f)
    {
        bool Any(string name, Func<string, bool> holds) => !f.Contains(name) || f[name].Any(holds);
        return Any("q", q => r.LegalName.Contains(q, StringComparison.OrdinalIgnoreCase) || r.CreditCode == q.ToUpperInvariant())
            && Any("region", code => code.EndsWith("0000", StringComparison.Ordinal) ? r.RegionCode[..2] == code[..2] : r.RegionCode == code)
            && Any("baseId", id => r.BaseId == Guid.Parse(id))
            && (!f.Contains("modality") && !f.Contains("taskType")
                || r.Capabilities.Any(c => Any("modality", m => c.Modality == m) && Any("taskType", t => c.TaskType == t)))
            && Any("domain", r.Domains.Contains)
            && Any("minGrade", g => r.CertificateStatus == "active" && r.CertificateGrade >= int.Parse(g))
            && Any("certificateStatus", s => s == "none" ? r.CertificateStatus is null : r.CertificateStatus == s)
            && Any("designation", r.Designations.Contains)
            && Any("clearance", c => r.Clearance == c || (c == "general" && r.Clearance == "important"));
    }

    private async Task<List<Row>> RowsAsync()
    {
        await using var connection = await OpenAsync();
        var rows = (await connection.QueryAsync<Row>("""
            select enterprise_id as id, legal_name, credit_code, region_code, base_id, certificate_status, certificate_grade, clearance
            from enterprise_directory
            """)).ToList();
        var capabilities = (await connection.QueryAsync<Capability>("select enterprise_id, modality, task_type from enterprise_capabilities"))
            .ToLookup(c => c.EnterpriseId);
        var domains = (await connection.QueryAsync<Listed>("select enterprise_id, domain_code as value from enterprise_domains")).ToLookup(d => d.EnterpriseId);
        var designations = (await connection.QueryAsync<Listed>(
            "select enterprise_id, designation as value from enterprise_designations where withdrawn_on is null")).ToLookup(d => d.EnterpriseId);
        foreach (var row in rows)
        {
            row.Capabilities = capabilities[row.Id].ToList();
            row.Domains = domains[row.Id].Select(d => d.Value).ToList();
            row.Designations = designations[row.Id].Select(d => d.Value).ToList();
        }
        return rows;
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string LegalName { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid? BaseId { get; init; }
        public string? CertificateStatus { get; init; }
        public int? CertificateGrade { get; init; }
        public string? Clearance { get; init; }
        public List<Capability> Capabilities { get; set; } = [];
        public List<string> Domains { get; set; } = [];
        public List<string> Designations { get; set; } = [];
    }

    private sealed class Capability
    {
        public Guid EnterpriseId { get; init; }
        public string Modality { get; init; } = "";
        public string TaskType { get; init; } = "";
    }

    private sealed class Bits
    {
        public Guid Id { get; init; }
        public long Lo { get; init; }
        public long Hi { get; init; }
        public long Domains { get; init; }
        public long Designations { get; init; }
        public long SqlLo { get; init; }
        public long SqlHi { get; init; }
        public long SqlDomains { get; init; }
        public long SqlDesignations { get; init; }
    }

    private sealed class Listed
    {
        public Guid EnterpriseId { get; init; }
        public string Value { get; init; } = "";
    }
}

public sealed class EnterpriseDirectoryFilterTests_Sqlite(SqliteApi api) : EnterpriseDirectoryFilterTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class EnterpriseDirectoryFilterTests_PostgreSql(PostgreSqlApi api) : EnterpriseDirectoryFilterTests(api), IClassFixture<PostgreSqlApi>;
