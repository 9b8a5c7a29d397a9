using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Api.Hosting;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Catalog;

public abstract class CatalogImportTests(RegistryApi api)
{
    private static string Csv(string prefix) => string.Join("\r\n",
        "code,title,description,domain,modalities,taskTypes,volume,volumeUnit,securityLevel,openness,opennessConditions,regionCode,sourceSystem,updateFrequency,contact",
        $"{prefix}-001,合肥市公交客流视频标注,\"公交车厢视频, 用于客流统计\",transport,video;image,object_tracking;bounding_box,5000,frames,general,open,,340100,公交集团视频平台,daily,运输处",
        $"{prefix}-002,合肥市道路病害图像标注,道路巡检图像,urban_governance,image,segmentation,80000,images,important,conditional,须签署数据使用协议,340100,城管巡检系统,weekly,城管处",
        $"{prefix}-003,缺少标题的行,,transport,image,bounding_box,-5,bushels,general,open,,340100,系统,daily,处室",
        $"{prefix}-001,重复的编码,重复,transport,image,bounding_box,10,images,general,open,,340100,系统,daily,处室",
        $"{prefix}-004,未知地区,描述,transport,image,bounding_box,10,images,general,open,,349900,系统,daily,处室",
        "");

    private async Task<HttpResponseMessage> UploadAsync(string csv, bool publish = true)
    {
        var client = await api.ClientAsAsync("hf.transport");
        return await client.PostAsync($"/api/v1/catalog/import?publish={publish.ToString().ToLowerInvariant()}", new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    private async Task<int> CountAsync(string q) =>
        (await (await api.CreateClient().GetAsync("/api/v1/catalog?q=" + Uri.EscapeDataString(q))).JsonAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_file_with_good_bad_and_duplicate_rows_gets_a_result_per_row_and_re_uploading_changes_nothing()
    {
        var prefix = "HF" + Guid.NewGuid().ToString("N")[..6];
        var response = await UploadAsync(Csv(prefix));
        var report = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());

        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "error", "error", "error"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(3, report.GetProperty("errors").GetInt32());
        var badFields = rows[2].GetProperty("errors");
        foreach (var field in new[] { "description", "volume", "volumeUnit" })
            Assert.True(badFields.TryGetProperty(field, out _), $"{field} missing from {badFields}");
        Assert.True(rows[3].GetProperty("errors").TryGetProperty("code", out _));
        Assert.True(rows[4].GetProperty("errors").TryGetProperty("regionCode", out _));
        Assert.Equal(1, await CountAsync("客流"));
        Assert.Equal(0, await CountAsync("未知地区"));
        Assert.Equal(0, await CountAsync("缺少标题"));

        var nda = await api.ClientAsAsync("nda");
        var auditBefore = (await (await nda.GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();
        var again = await (await UploadAsync(Csv(prefix))).JsonAsync();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, await CountAsync("客流"));
        var entry = (await (await api.CreateClient().GetAsync($"/api/v1/catalog?q={Uri.EscapeDataString("客流")}")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(1, entry.GetProperty("version").GetInt32());
        var auditAfter = (await (await nda.GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();
        Assert.Equal(auditBefore + 1, auditAfter); // the upload itself is audited; nothing else changed

        var changed = Csv(prefix).Replace("公交车厢视频, 用于客流统计", "公交车厢视频，用于客流统计与拥挤度预警", StringComparison.Ordinal);
        var third = await (await UploadAsync(changed)).JsonAsync();
        Assert.Equal(1, third.GetProperty("updated").GetInt32());
        var versions = await (await api.CreateClient().GetAsync($"/api/v1/catalog/{entry.GetProperty("id").GetGuid()}/versions")).JsonAsync();
        Assert.Equal(2, versions.GetArrayLength());
    }

    private static string OneRow(string code, string title, string description, string region) => string.Join("\r\n",
        Csv("")[..Csv("").IndexOf('\r', StringComparison.Ordinal)],
        $"{code},{title},{description},energy,text,classification,1000,items,general,open,,{region},能源监测平台,daily,能源处", "");

    [Fact]
    public async Task Re_importing_a_published_entry_with_an_unknown_region_is_an_error_row_that_stores_no_version_and_no_event()
    {
        var code = "RG" + Guid.NewGuid().ToString("N")[..6];
        var first = await (await UploadAsync(OneRow(code, "合肥市光伏电站巡检日志标注", "巡检日志", "340100"))).JsonAsync();
        Assert.Equal("created", first.GetProperty("rows")[0].GetProperty("outcome").GetString());
        var id = first.GetProperty("rows")[0].GetProperty("id").GetGuid();
        var versionsBefore = (await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}/versions")).JsonAsync()).ToString();
        var eventsBefore = await EventsAsync(id);

        var report = await (await UploadAsync(OneRow(code, "合肥市光伏电站巡检日志标注", "巡检日志与告警", "349900"))).JsonAsync();

        var row = report.GetProperty("rows")[0];
        Assert.Equal("error", row.GetProperty("outcome").GetString());
        Assert.True(row.GetProperty("errors").TryGetProperty("regionCode", out _), row.ToString());
        Assert.Equal(0, report.GetProperty("updated").GetInt32());
        Assert.Equal(versionsBefore, (await (await api.CreateClient().GetAsync($"/api/v1/catalog/{id}/versions")).JsonAsync()).ToString());
        var owner = await (await (await api.ClientAsAsync("hf.transport")).GetAsync($"/api/v1/catalog/{id}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, owner.GetProperty("draftVersion").ValueKind);
        Assert.Equal(eventsBefore, await EventsAsync(id));
    }

    /// <summary>The outbox events published about an entry (the change stream is not exposed over HTTP).</summary>
    private async Task<IReadOnlyList<string>> EventsAsync(Guid entryId)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return (await connection.QueryAsync<string>("select type from outbox where entity_id = @id order by seq", new { id = entryId.ToString() })).ToList();
    }

    [Fact]
    public async Task A_NUL_in_an_imported_title_is_an_error_row_and_the_other_rows_are_imported()
    {
        var code = "NU" + Guid.NewGuid().ToString("N")[..6];
        var csv = OneRow(code + "-1", "合肥市风电\0运维文本标注", "运维记录", "340100") + OneRow(code + "-2", "合肥市风电叶片图像标注", "叶片图像", "340100")[(Csv("").IndexOf('\n', StringComparison.Ordinal) + 1)..];
        var report = await (await UploadAsync(csv)).JsonAsync();

        var rows = report.GetProperty("rows");
        Assert.Equal("error", rows[0].GetProperty("outcome").GetString());
        Assert.True(rows[0].GetProperty("errors").TryGetProperty("title", out _), rows[0].ToString());
        Assert.Equal("created", rows[1].GetProperty("outcome").GetString());
        Assert.Equal(0, await CountAsync("运维文本"));
    }

    [Fact]
    public async Task JSON_imports_work_too_and_a_broken_file_is_a_400_problem()
    {
        var client = await api.ClientAsAsync("hf.transport");
        var code = "J" + Guid.NewGuid().ToString("N")[..8];
        var json = JsonBody.Of(new
        {
            rows = new[]
            {
                new
                {
                    code, title = "合肥市充电桩运行数据标注", description = "充电桩故障日志", domain = "energy", modalities = new[] { "text" },
                    taskTypes = new[] { "classification" }, volume = 1000000m, volumeUnit = "items", securityLevel = "general", openness = "open",
                    opennessConditions = (string?)null, regionCode = "340100", sourceSystem = "能源监测平台", updateFrequency = "daily", contact = "能源处",
                },
            },
        });
        var report = await (await client.PostAsync("/api/v1/catalog/import", json)).JsonAsync();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(0, await CountAsync("充电桩")); // imported as a draft: not public until published

        await (await client.PostAsync("/api/v1/catalog/import", new StringContent("code,title\r\nx,y", Encoding.UTF8, "text/csv"))).ProblemAsync(400);
        await (await client.PostAsync("/api/v1/catalog/import", new StringContent("{\"rows\": [", Encoding.UTF8, "application/json"))).ProblemAsync(400);
    }

    private static string ManyRows(string prefix, int count) => string.Join("\r\n", new[] { Csv("")[..Csv("").IndexOf('\r', StringComparison.Ordinal)] }
        .Concat(Enumerable.Range(1, count).Select(i =>
            $"{prefix}-{i:D4},合肥市第{i}批道路图像标注,道路巡检图像,transport,image,bounding_box,1000,images,general,open,,340100,交通平台,daily,交通处"))
        .Append(""));

    /// <summary>The write model with one change: the insert of the entry with <paramref name="code"/> first runs <paramref name="before"/>.</summary>
    private sealed class BeforeEntry(WriteSession inner, string code, Func<Task> before) : IWriteDb
    {
        public ISqlDialect Dialect => inner.Dialect;

        public async Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct)
        {
            if (sql.For(inner.Dialect).TrimStart().StartsWith("insert into catalog_entries", StringComparison.Ordinal)
                && param?.GetType().GetProperty("Code")?.GetValue(param) as string == code)
                await before();
            return await inner.ExecuteAsync(sql, param, ct);
        }

        public Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QueryAsync<T>(sql, param, ct);

        public Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QuerySingleOrDefaultAsync<T>(sql, param, ct);

        public Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.ScalarAsync<T>(sql, param, ct);

        public Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken ct) => inner.SavepointAsync(work, ct);
    }

    private WebApplicationFactory<Program> BeforeEntryHost(string code, Func<Task> before) =>
        api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<IWriteDb>(p => new BeforeEntry(p.GetRequiredService<WriteSession>(), code, before))));

    private async Task<HttpResponseMessage> UploadAsync(WebApplicationFactory<Program> host, string csv, string? idempotencyKey)
    {
        // A token of the host that answers: a host started for one test signs with keys of its own.
        var demo = DemoData.Organizations.Single(o => o.Username == "hf.transport");
        var token = await (await RegistryApi.RequestTokenAsync(host, demo.ClientId, demo.ClientSecret)).SucceededJsonAsync();
        var client = RegistryApi.BearerClient(host, token.GetProperty("access_token").GetString()!);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    private async Task<long> ScalarAsync(string sql, object? args = null)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    private Task<long> StoredAsync(string prefix) => ScalarAsync("select count(*) from catalog_entries where code like @p", new { p = prefix + "-%" });

    private Task<long> BatchRecordsAsync() => ScalarAsync("select count(*) from audit_log where action = 'ImportCatalogBatch'");

    // Rows per batch on this test's database (20 on SQLite, 200 on PostgreSQL); a file of two and a half batches.
    private int Batch => api.Services.GetRequiredService<IConnectionFactory>().Dialect.BulkBatchRows;

    private int TwoAndAHalfBatches => Batch * 5 / 2;

    [Fact]
    public async Task An_import_commits_batch_by_batch_so_others_wait_for_one_batch_at_most_and_still_reports_every_row()
    {
        var prefix = "BT" + Guid.NewGuid().ToString("N")[..6];
        var working = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = BeforeEntryHost($"{prefix}-{Batch + 1:D4}", () => { working.TrySetResult(); return release.Task; });
        var batchesBefore = await BatchRecordsAsync();

        var upload = Task.Run(() => UploadAsync(host, ManyRows(prefix, TwoAndAHalfBatches), null));
        await Task.WhenAny(working.Task, upload);
        // Held in the second batch: the first one is committed and visible to everybody.
        var storedMeanwhile = await StoredAsync(prefix);
        release.SetResult();
        var report = await (await upload).SucceededJsonAsync();

        Assert.Equal(Batch, storedMeanwhile);
        Assert.Equal(TwoAndAHalfBatches, report.GetProperty("created").GetInt32());
        Assert.Equal(Enumerable.Range(1, TwoAndAHalfBatches), report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(batchesBefore + 3, await BatchRecordsAsync());
    }

    [Fact]
    public async Task An_import_sent_again_with_the_same_key_answers_the_first_report_and_changes_nothing()
    {
        var prefix = "IK" + Guid.NewGuid().ToString("N")[..6];
        var key = Guid.NewGuid().ToString();
        var first = await (await UploadAsync(api, ManyRows(prefix, 250), key)).SucceededJsonAsync();
        var batches = await BatchRecordsAsync();
        var events = await ScalarAsync("select count(*) from outbox");

        var again = await (await UploadAsync(api, ManyRows(prefix, 250), key)).SucceededJsonAsync();
        var other = await UploadAsync(api, ManyRows(prefix, 250).Replace("道路巡检图像", "道路巡检图像（修订）", StringComparison.Ordinal), key);

        Assert.Equal(first.ToString(), again.ToString());
        Assert.Equal(250, again.GetProperty("created").GetInt32());
        Assert.Equal("/problems/idempotency-key-reused", (await other.ProblemAsync(422)).GetProperty("type").GetString());
        Assert.Equal(batches, await BatchRecordsAsync());
        Assert.Equal(events, await ScalarAsync("select count(*) from outbox"));
        Assert.Equal(250, await StoredAsync(prefix));
    }

    [Fact]
    public async Task An_import_that_failed_midway_is_completed_by_sending_it_again_with_the_same_key()
    {
        var prefix = "RS" + Guid.NewGuid().ToString("N")[..6];
        var key = Guid.NewGuid().ToString();
        await using (var failing = BeforeEntryHost($"{prefix}-{Batch + 1:D4}", () => throw new InvalidOperationException("The database went away.")))
            await (await UploadAsync(failing, ManyRows(prefix, TwoAndAHalfBatches), key)).ProblemAsync(500);
        Assert.Equal(Batch, await StoredAsync(prefix));
        var batches = await BatchRecordsAsync();

        var report = await (await UploadAsync(api, ManyRows(prefix, TwoAndAHalfBatches), key)).SucceededJsonAsync();

        Assert.Equal(TwoAndAHalfBatches, report.GetProperty("created").GetInt32());
        Assert.Equal(TwoAndAHalfBatches, await StoredAsync(prefix));
        Assert.Equal(batches + 2, await BatchRecordsAsync()); // the first batch answered from its record, the other two written now
    }
}

public sealed class CatalogImportTests_Sqlite(SqliteApi api) : CatalogImportTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogImportTests_PostgreSql(PostgreSqlApi api) : CatalogImportTests(api), IClassFixture<PostgreSqlApi>;
