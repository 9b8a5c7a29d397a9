using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Enterprises;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Enterprises;

public abstract class EnterpriseCertificationTests(RegistryApi api)
{
    private static readonly object Evidence = new
    {
        grade = 3,
        evidence = new[] { new { name = "营业执照.pdf", sha256 = new string('a', 64), size = 102400 }, new { name = "等保三级测评报告.pdf", sha256 = new string('b', 64), size = 2048000 } },
    };

    private async Task<JsonElement> RegisterAsync(string demo, object profile)
    {
        var client = await api.ClientAsAsync(demo);
        var response = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(profile));
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    private static string CodeOf(string demo) =>
        UnifiedSocialCreditCode.Create(DemoData.Organizations.Single(o => o.Username == demo).CreditCode17);

    private async Task<HttpResponseMessage> PostAsync(string demo, string path, object? body = null) =>
        await (await api.ClientAsAsync(demo)).PostAsync(path, JsonBody.Of(body ?? new { }));

    private async Task<HttpResponseMessage> ChangeCertificateAsync(string demo, string path, object body) =>
        await (await api.ClientAsAsync(demo)).PostIfMatchAsync(path, body);

    [Fact]
    public async Task The_full_certification_workflow_over_HTTP()
    {
        var shuyu = await RegisterAsync("shuyu", EnterpriseArrange.Profile("成都蜀语智标数据科技有限公司（演示）", CodeOf("shuyu")));
        var id = shuyu.GetProperty("id").GetGuid();
        Assert.Equal("张经理", shuyu.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("contact").ValueKind);

        var applied = await PostAsync("shuyu", "/api/v1/certification/applications", Evidence);
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var applicationId = (await applied.JsonAsync()).GetProperty("id").GetGuid();
        await (await PostAsync("shuyu", "/api/v1/certification/applications", Evidence)).ProblemAsync(409);

        await (await PostAsync("zhijia", $"/api/v1/certification/applications/{applicationId}/review")).ProblemAsync(403);
        await (await PostAsync("sichuan", $"/api/v1/certification/applications/{applicationId}/approve")).ProblemAsync(409);
        var review = await PostAsync("sichuan", $"/api/v1/certification/applications/{applicationId}/review");
        Assert.Equal("under_review", (await review.JsonAsync()).GetProperty("status").GetString());
        await (await PostAsync("certifier", $"/api/v1/certification/applications/{applicationId}/approve")).ProblemAsync(403);
        var approved = await (await PostAsync("sichuan", $"/api/v1/certification/applications/{applicationId}/approve")).JsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var again = await (await PostAsync("sichuan", $"/api/v1/certification/applications/{applicationId}/approve")).ProblemAsync(409);
        Assert.Equal("approved", again.GetProperty("currentState").GetString());

        var listed = await (await api.CreateClient().GetAsync("/api/v1/enterprises?region=510000&certificateStatus=active&minGrade=3")).JsonAsync();
        var line = listed.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal(3, line.GetProperty("certificateGrade").GetInt32());
        Assert.StartsWith("SJBZ-", line.GetProperty("certificateNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal("important", line.GetProperty("clearance").GetString());

        var certificateId = approved.GetProperty("certificateId").GetGuid();
        var reason = new { reason = "监管检查发现问题" };
        await (await ChangeCertificateAsync("shuyu", $"/api/v1/certificates/{certificateId}/suspend", reason)).ProblemAsync(403);
        Assert.Equal("suspended", (await (await ChangeCertificateAsync("nda", $"/api/v1/certificates/{certificateId}/suspend", reason)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("suspended", (await (await ChangeCertificateAsync("sichuan", $"/api/v1/certificates/{certificateId}/suspend", reason)).ProblemAsync(409)).GetProperty("currentState").GetString());
        var suspendedLine = (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync());
        Assert.Equal(JsonValueKind.Null, suspendedLine.GetProperty("clearance").ValueKind);
        Assert.Equal("active", (await (await ChangeCertificateAsync("sichuan", $"/api/v1/certificates/{certificateId}/reinstate", reason)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("revoked", (await (await ChangeCertificateAsync("sichuan", $"/api/v1/certificates/{certificateId}/revoke", reason)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("revoked", (await (await ChangeCertificateAsync("nda", $"/api/v1/certificates/{certificateId}/reinstate", reason)).ProblemAsync(409)).GetProperty("currentState").GetString());

        var afterRevoke = await (await api.CreateClient().GetAsync("/api/v1/enterprises?region=510000&minGrade=1")).JsonAsync();
        Assert.DoesNotContain(afterRevoke.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var revokedOnes = await (await api.CreateClient().GetAsync("/api/v1/enterprises?certificateStatus=revoked")).JsonAsync();
        Assert.Contains(revokedOnes.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Reviewers_outside_the_jurisdiction_do_not_see_the_application()
    {
        await RegisterAsync("zhijia", EnterpriseArrange.Profile("保定智驾数据服务有限公司（演示）", CodeOf("zhijia"), region: "130600"));
        var applicationId = (await (await PostAsync("zhijia", "/api/v1/certification/applications", Evidence)).JsonAsync()).GetProperty("id").GetGuid();

        await (await PostAsync("sichuan", $"/api/v1/certification/applications/{applicationId}/review")).ProblemAsync(404);
        var sichuanQueue = await (await (await api.ClientAsAsync("sichuan")).GetAsync("/api/v1/certification/applications?status=submitted")).JsonAsync();
        Assert.DoesNotContain(sichuanQueue.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == applicationId);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("certifier", $"/api/v1/certification/applications/{applicationId}/review")).StatusCode);
        var rejected = await PostAsync("certifier", $"/api/v1/certification/applications/{applicationId}/reject", new { reason = "证明材料不完整" });
        Assert.Equal("rejected", (await rejected.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sichuans_regulator_lists_Chengdus_applications_and_not_Hefeis()
    {
        async Task<Guid> AppliedAsync(string region)
        {
            var (client, _) = await EnterpriseArrange.RegisteredAsync(api, region);
            return (await (await client.PostAsync("/api/v1/certification/applications", JsonBody.Of(EnterpriseArrange.Application))).JsonAsync())
                .GetProperty("id").GetGuid();
        }
        var (chengdu, hefei) = (await AppliedAsync("510100"), await AppliedAsync("340100"));
        async Task<List<Guid>> QueueAsync(string demo) =>
            (await (await (await api.ClientAsAsync(demo)).GetAsync("/api/v1/certification/applications?status=submitted&pageSize=100")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        var sichuan = await QueueAsync("sichuan");
        Assert.Contains(chengdu, sichuan);
        Assert.DoesNotContain(hefei, sichuan);
        Assert.Contains(hefei, await QueueAsync("certifier")); // the national certifier's jurisdiction is the whole country
    }

    [Fact]
    public async Task A_grade_the_profile_does_not_meet_is_refused_with_each_shortfall()
    {
        var client = await api.ClientAsAsync("xingtu");
        await RegisterAsync("xingtu", EnterpriseArrange.Profile("海口星图遥感数据有限公司（演示）", CodeOf("xingtu"), region: "460100", staff: 90, senior: 2, mlps: 2, iso: false));

        var problem = await (await PostAsync("xingtu", "/api/v1/certification/applications", Evidence)).ProblemAsync(422);

        Assert.Contains("ISO/IEC 27001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("100 staff", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        _ = client;
    }

    [Fact]
    public async Task A_corrupted_or_duplicate_credit_code_is_a_field_error_and_a_stale_If_Match_changes_nothing()
    {
        var client = await api.ClientAsAsync("hf.transport");
        await (await client.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile("x", CodeOf("shuyu"))))).ProblemAsync(403);

        var (enterprise, _, name, code) = await EnterpriseArrange.UnregisteredAsync(api, "340100", "合肥测试标注企业" + Guid.NewGuid().ToString("N")[..4]);

        var corrupted = code[..17] + (code[17] == '0' ? '1' : '0');
        var bad = await (await enterprise.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, corrupted, "340100")))).ProblemAsync(400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("creditCode", out _));
        var duplicate = await (await enterprise.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, CodeOf("nda"), "340100")))).ProblemAsync(400);
        Assert.Contains("already registered", duplicate.GetProperty("errors").GetProperty("creditCode")[0].GetString(), StringComparison.Ordinal);

        var created = await enterprise.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, code, "340100")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        HttpRequestMessage Put(int staff, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonBody.Of(EnterpriseArrange.Profile(name, code, "340100", staff: staff)) };
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            return request;
        }
        Assert.Equal(HttpStatusCode.OK, (await enterprise.SendAsync(Put(160, created.Headers.ETag!.Tag))).StatusCode);
        await (await enterprise.SendAsync(Put(170, created.Headers.ETag!.Tag))).ProblemAsync(412);
        Assert.Equal(160, (await (await api.CreateClient().GetAsync(location)).JsonAsync()).GetProperty("totalStaff").GetInt32());
    }

    [Fact]
    public async Task The_expiry_job_expires_exactly_the_certificates_past_their_date_and_warns_once_within_90_days()
    {
        var name = "成都到期测试企业" + Guid.NewGuid().ToString("N")[..4];
        var (enterpriseId, certificateId) = await CertifiedEnterpriseAsync(name);
        var detail = await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{enterpriseId}")).JsonAsync();
        var expiresOn = DateOnly.Parse(detail.GetProperty("certificate").GetProperty("expiresOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        async Task<CertificateExpiryResult> RunOnAsync(DateOnly day)
        {
            var clock = new TestClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero));
            await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerScope>().ActAsSystem();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunCertificateExpiry());
        }
        async Task<string> StatusAsync() =>
            (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{enterpriseId}")).JsonAsync()).GetProperty("certificate").GetProperty("status").GetString()!;
        async Task<int> AlertsAsync() =>
            (await (await (await api.ClientAsAsync("sichuan")).GetAsync("/api/v1/alerts?type=certificate_expiring&pageSize=100")).JsonAsync())
            .GetProperty("items").EnumerateArray().Count(a => a.GetProperty("entityId").GetString() == certificateId.ToString());

        var early = await RunOnAsync(expiresOn.AddDays(-120));
        Assert.Equal(0, await AlertsAsync());
        Assert.Equal("active", await StatusAsync());

        var warned = await RunOnAsync(expiresOn.AddDays(-60));
        Assert.True(warned.AlertsRaised >= 1);
        Assert.Equal(1, await AlertsAsync());
        await RunOnAsync(expiresOn.AddDays(-59));
        Assert.Equal(1, await AlertsAsync());

        await RunOnAsync(expiresOn);
        Assert.Equal("active", await StatusAsync());

        var expired = await RunOnAsync(expiresOn.AddDays(1));
        Assert.True(expired.Expired >= 1);
        Assert.Equal("expired", await StatusAsync());
        var twice = await RunOnAsync(expiresOn.AddDays(1));
        Assert.Equal(0, twice.Expired);
        Assert.Equal(0, twice.AlertsRaised);
        Assert.Equal(1, await AlertsAsync());
        _ = early;
    }

    /// <summary>A new enterprise in Chengdu, registered, applied, reviewed and approved, all over HTTP.</summary>
    private async Task<(Guid Enterprise, Guid Certificate)> CertifiedEnterpriseAsync(string name)
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", name);
        return (id, await EnterpriseArrange.CertifyAsync(api, client, grade: 3));
    }
}

public sealed class EnterpriseCertificationTests_Sqlite(SqliteApi api) : EnterpriseCertificationTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class EnterpriseCertificationTests_PostgreSql(PostgreSqlApi api) : EnterpriseCertificationTests(api), IClassFixture<PostgreSqlApi>;
