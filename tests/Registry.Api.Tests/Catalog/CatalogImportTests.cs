using System.Net;
using System.Text;
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

    [Fact]
    public async Task JSON_imports_work_too_and_a_broken_file_is_a_400_problem()
    {
        var client = await api.ClientAsAsync("hf.transport");
        var code = "J" + Guid.NewGuid().ToString("N")[..8];
        var json = TokenTests.JsonContent(new
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
}

public sealed class CatalogImportTests_Sqlite(SqliteApi api) : CatalogImportTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogImportTests_PostgreSql(PostgreSqlApi api) : CatalogImportTests(api), IClassFixture<PostgreSqlApi>;
