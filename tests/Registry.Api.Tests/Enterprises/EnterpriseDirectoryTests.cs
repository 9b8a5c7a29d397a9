using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Enterprises;

/// <summary>The public directory's search, filters, sorting and paging, on a database of its own.</summary>
public abstract class EnterpriseDirectoryTests(RegistryApi api)
{
    private static object Cap(string modality, string taskType) => new { modality, taskType };

    private async Task<Guid> BaseAsync(string code) =>
        (await (await api.CreateClient().GetAsync("/api/v1/bases?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
        .Single(b => b.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private async Task<List<string>> NamesAsync(string query)
    {
        var response = await api.CreateClient().GetAsync("/api/v1/enterprises?" + query);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("legalName").GetString()!).ToList();
    }

    private static void Same(string[] expected, List<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Search_filters_sorting_and_paging_work_with_Chinese_names()
    {
        var chengdu = await BaseAsync("chengdu");
        var hefei = await BaseAsync("hefei");
        var (a, aId) = await EnterpriseArrange.RegisteredAsync(api, "510100", "川渝智标数据科技有限公司", (n, c) =>
            EnterpriseArrange.Profile(n, c, "510100", chengdu, staff: 400, capabilities: [Cap("audio", "transcription")], domains: ["healthcare"]));
        var (_, _) = await EnterpriseArrange.RegisteredAsync(api, "510700", "绵阳病理影像标注有限公司", (n, c) =>
            EnterpriseArrange.Profile(n, c, "510700", capabilities: [Cap("image", "segmentation")], domains: ["healthcare"]));
        var (h, _) = await EnterpriseArrange.RegisteredAsync(api, "340100", "合肥语音智标科技有限公司", (n, c) =>
            EnterpriseArrange.Profile(n, c, "340100", hefei, staff: 100, senior: 2, mlps: 2, iso: false,
                capabilities: [Cap("audio", "transcription"), Cap("text", "entity_relation")], domains: ["education"]));
        await EnterpriseArrange.RegisteredAsync(api, "430100", "长沙文创数据有限公司", (n, c) =>
            EnterpriseArrange.Profile(n, c, "430100", capabilities: [Cap("video", "object_tracking")], domains: ["other"]));
        await EnterpriseArrange.CertifyAsync(api, a, grade: 3);
        await EnterpriseArrange.CertifyAsync(api, h, grade: 1);
        await (await api.ClientAsAsync("nda")).PostAsync($"/api/v1/enterprises/{aId}/designations",
            JsonBody.Of(new { designation = "gazelle", grantedOn = "2026-10-01", reason = "高成长" }));

        Same(["川渝智标数据科技有限公司", "合肥语音智标科技有限公司"], await NamesAsync("q=" + Uri.EscapeDataString("智标")));
        Same(["川渝智标数据科技有限公司", "绵阳病理影像标注有限公司"], await NamesAsync("region=510000"));
        Assert.Equal(["绵阳病理影像标注有限公司"], await NamesAsync("region=510700"));
        Assert.Equal(["合肥语音智标科技有限公司"], await NamesAsync($"baseId={hefei}"));
        Same(["川渝智标数据科技有限公司", "合肥语音智标科技有限公司"], await NamesAsync("modality=audio&taskType=transcription"));
        Assert.Equal(["合肥语音智标科技有限公司"], await NamesAsync("taskType=entity_relation"));
        Same(["川渝智标数据科技有限公司", "绵阳病理影像标注有限公司"], await NamesAsync("domain=healthcare"));
        Assert.Equal(["川渝智标数据科技有限公司"], await NamesAsync("minGrade=2"));
        Same(["绵阳病理影像标注有限公司", "长沙文创数据有限公司"], await NamesAsync("certificateStatus=none"));
        Assert.Equal(["川渝智标数据科技有限公司"], await NamesAsync("designation=gazelle"));
        Assert.Equal(["川渝智标数据科技有限公司"], await NamesAsync("clearance=important"));
        // A repeated parameter is a list: any of its values matches, and separate filters must all match.
        Same(["合肥语音智标科技有限公司", "绵阳病理影像标注有限公司"], await NamesAsync("taskType=entity_relation&taskType=segmentation"));
        Same(["川渝智标数据科技有限公司", "绵阳病理影像标注有限公司", "合肥语音智标科技有限公司"], await NamesAsync("domain=healthcare&domain=education"));
        Same(["绵阳病理影像标注有限公司", "长沙文创数据有限公司"], await NamesAsync("modality=image&modality=video"));
        Assert.Equal(["绵阳病理影像标注有限公司"], await NamesAsync("taskType=entity_relation&taskType=segmentation&region=510000"));
        Assert.Equal(["合肥语音智标科技有限公司"], await NamesAsync("modality=text&modality=video&taskType=entity_relation&taskType=transcription"));
        Same(["川渝智标数据科技有限公司"], await NamesAsync("designation=gazelle&designation=leading"));
        Same(["川渝智标数据科技有限公司", "合肥语音智标科技有限公司"], await NamesAsync("clearance=general"));
        Assert.Equal("川渝智标数据科技有限公司", (await NamesAsync("sort=grade"))[0]);

        var credit = (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{aId}")).JsonAsync()).GetProperty("creditCode").GetString()!;
        Assert.Equal(["川渝智标数据科技有限公司"], await NamesAsync("q=" + credit.ToLowerInvariant()));

        var page1 = await (await api.CreateClient().GetAsync("/api/v1/enterprises?pageSize=3&page=1")).JsonAsync();
        var page2 = await (await api.CreateClient().GetAsync("/api/v1/enterprises?pageSize=3&page=2")).JsonAsync();
        Assert.Equal(4, page1.GetProperty("total").GetInt32());
        Assert.Equal(3, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        var byName = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("legalName").GetString()!).ToList();
        Assert.Equal(4, byName.Distinct().Count());

        var talent = await (await api.CreateClient().GetAsync("/api/v1/enterprises/talent?region=510000")).JsonAsync();
        Assert.Equal(2, talent.GetProperty("enterprises").GetInt32());
        Assert.Equal(24, talent.GetProperty("byLevel").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "level_3").GetProperty("annotators").GetInt32());
        var baseCount = (await (await api.CreateClient().GetAsync($"/api/v1/bases/{chengdu}")).JsonAsync()).GetProperty("enterpriseCount").GetInt32();
        Assert.Equal(1, baseCount);
    }

    [Fact]
    public async Task Bad_filters_are_400_problems_and_an_unknown_enterprise_is_404()
    {
        var problem = await (await api.CreateClient().GetAsync("/api/v1/enterprises?minGrade=9&modality=smell&sort=random&certificateStatus=pending&region=51")).ProblemAsync(400);
        foreach (var field in new[] { "minGrade", "modality[0]", "sort", "certificateStatus", "region" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} missing");
        await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{Guid.CreateVersion7()}")).ProblemAsync(404);
    }

    [Fact]
    public async Task An_unknown_value_in_a_list_is_named_by_its_position()
    {
        var problem = await (await api.CreateClient().GetAsync("/api/v1/enterprises?taskType=segmentation&taskType=smelling&domain=healthcare,education")).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("taskType[1]", out var message), problem.ToString());
        Assert.Contains("task type", message[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("taskType[0]", out _), problem.ToString());
        // Commas are no separator: a list repeats its parameter, so "a,b" is one unknown value.
        Assert.True(errors.TryGetProperty("domain[0]", out _), problem.ToString());
    }
}

public sealed class EnterpriseDirectoryTests_Sqlite(SqliteApi api) : EnterpriseDirectoryTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class EnterpriseDirectoryTests_PostgreSql(PostgreSqlApi api) : EnterpriseDirectoryTests(api), IClassFixture<PostgreSqlApi>;
