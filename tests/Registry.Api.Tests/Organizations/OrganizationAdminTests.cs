using System.Net;
using System.Net.Http.Headers;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Organizations;

public abstract class OrganizationAdminTests(RegistryApi api)
{
    private static string NewCreditCode() => TestCreditCodes.Next("11340100MB");

    private async Task<HttpResponseMessage> CreateAsync(object body, string? idempotencyKey = null)
    {
        var admin = await api.ClientAsAsync("admin");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = JsonBody.Of(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await admin.SendAsync(request);
    }

    private async Task<int> CountAsync(string search)
    {
        var admin = await api.ClientAsAsync("admin");
        return (await (await admin.GetAsync($"/api/v1/organizations?search={Uri.EscapeDataString(search)}")).JsonAsync()).GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task An_organization_is_created_and_read_back_with_its_ETag()
    {
        var name = "合肥市数据资源局" + Guid.NewGuid().ToString("N")[..6];
        var created = await CreateAsync(new { nameZh = name, nameEn = "Hefei Data Resources Bureau", kind = "agency", regionCode = "340100", creditCode = NewCreditCode() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("合肥市", body.GetProperty("regionNameZh").GetString());
        var read = await (await api.ClientAsAsync("admin")).GetAsync(created.Headers.Location);
        Assert.Equal(name, (await read.JsonAsync()).GetProperty("nameZh").GetString());
    }

    [Fact]
    public async Task A_corrupted_or_duplicate_credit_code_and_an_unknown_region_are_field_errors()
    {
        var corrupted = await CreateAsync(new { nameZh = "甲", kind = "agency", regionCode = "340100", creditCode = "91350100M000100Y44" });
        var errors = (await corrupted.ProblemAsync(400)).GetProperty("errors");
        Assert.Contains("check character", errors.GetProperty("creditCode")[0].GetString(), StringComparison.Ordinal);

        var duplicate = await CreateAsync(new { nameZh = "乙", kind = "agency", regionCode = "519900",
            creditCode = UnifiedSocialCreditCode.Create("11100000MB1A00002") });
        errors = (await duplicate.ProblemAsync(400)).GetProperty("errors");
        Assert.Contains("already registered", errors.GetProperty("creditCode")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Unknown region", errors.GetProperty("regionCode")[0].GetString(), StringComparison.Ordinal);

        var bad = await CreateAsync(new { nameZh = "", kind = "ministry", regionCode = "51", creditCode = "x" });
        errors = (await bad.ProblemAsync(400)).GetProperty("errors");
        foreach (var field in new[] { "nameZh", "kind", "regionCode", "creditCode" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem()
    {
        var admin = await api.ClientAsAsync("admin");
        var response = await admin.PostAsync("/api/v1/organizations", new StringContent("{\"nameZh\": ", System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        var created = await CreateAsync(new { nameZh = "测试局" + Guid.NewGuid().ToString("N")[..6], kind = "agency", regionCode = "340100", creditCode = NewCreditCode() });
        var org = await created.JsonAsync();
        var admin = await api.ClientAsAsync("admin");
        HttpRequestMessage Update(string nameEn, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location)
            {
                Content = JsonBody.Of(new { nameZh = org.GetProperty("nameZh").GetString(), nameEn, regionCode = "340100",
                    creditCode = org.GetProperty("creditCode").GetString(), active = true }),
            };
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            return request;
        }

        var first = await admin.SendAsync(Update("改名一", "\"1\""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);

        await (await admin.SendAsync(Update("改名二", "\"1\""))).ProblemAsync(412);
        var current = await (await admin.GetAsync(created.Headers.Location)).JsonAsync();
        Assert.Equal("改名一", current.GetProperty("nameEn").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt64());

        var missing = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location) { Content = Update("x", "\"2\"").Content };
        await (await admin.SendAsync(missing)).ProblemAsync(400);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_Idempotency_Key_creates_one_organization()
    {
        var name = "重试测试局" + Guid.NewGuid().ToString("N")[..6];
        var body = new { nameZh = name, kind = "agency", regionCode = "340100", creditCode = NewCreditCode() };
        var key = Guid.NewGuid().ToString();

        var first = await CreateAsync(body, key);
        var second = await CreateAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await second.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(1, await CountAsync(name));

        var reused = await CreateAsync(body with { nameZh = name + "改" }, key);
        Assert.Equal("/problems/idempotency-key-reused", (await reused.ProblemAsync(422)).GetProperty("type").GetString());
        Assert.Equal(0, await CountAsync(name + "改"));
    }

    [Fact]
    public async Task An_API_client_secret_is_shown_once_and_works()
    {
        var admin = await api.ClientAsAsync("admin");
        var created = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new
        {
            organizationId = await api.OrganizationIdAsync("xingtu"), displayName = "星图业务系统",
        }))).JsonAsync();
        var clientId = created.GetProperty("clientId").GetString()!;
        Assert.StartsWith("enterprise-", clientId, StringComparison.Ordinal);

        var token = await api.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = created.GetProperty("clientSecret").GetString()!, ["scope"] = "registry.api",
        }));
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());

        var listed = await (await admin.GetAsync("/api/v1/admin/clients?pageSize=100")).Content.ReadAsStringAsync();
        Assert.Contains(clientId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("clientSecret").GetString()!, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_organization_gets_no_new_token()
    {
        var created = await CreateAsync(new { nameZh = "停用测试局" + Guid.NewGuid().ToString("N")[..6], kind = "agency", regionCode = "340100", creditCode = NewCreditCode() });
        var org = await created.JsonAsync();
        var admin = await api.ClientAsAsync("admin");
        var client = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId = org.GetProperty("id").GetGuid(), displayName = "系统" }))).JsonAsync();
        var deactivate = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location)
        {
            Content = JsonBody.Of(new { nameZh = org.GetProperty("nameZh").GetString(), regionCode = "340100", creditCode = org.GetProperty("creditCode").GetString(), active = false }),
        };
        deactivate.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(deactivate)).StatusCode);

        var token = await api.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("clientSecret").GetString()!, ["scope"] = "registry.api",
        }));
        Assert.False(token.IsSuccessStatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_provincial_base_that_the_directory_then_lists()
    {
        var admin = await api.ClientAsAsync("admin");
        var code = "mianyang-" + Guid.NewGuid().ToString("N")[..4];
        var created = await admin.PostAsync("/api/v1/bases", JsonBody.Of(new
        {
            code, nameZh = "绵阳数据标注基地", nameEn = "Mianyang Data Labeling Base", level = "provincial", regionCode = "510700",
            focusDomains = new[] { "manufacturing", "science" },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var sichuan = await (await api.CreateClient().GetAsync("/api/v1/bases?region=510000&level=provincial")).JsonAsync();
        Assert.Contains(sichuan.GetProperty("items").EnumerateArray(), b => b.GetProperty("code").GetString() == code);

        var unknownDomain = await admin.PostAsync("/api/v1/bases", JsonBody.Of(new
        {
            code = code + "x", nameZh = "x", level = "provincial", regionCode = "510700", focusDomains = new[] { "astrology" },
        }));
        Assert.True((await unknownDomain.ProblemAsync(400)).GetProperty("errors").TryGetProperty("focusDomains[0]", out _));
    }
}

public sealed class OrganizationAdminTests_Sqlite(SqliteApi api) : OrganizationAdminTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class OrganizationAdminTests_PostgreSql(PostgreSqlApi api) : OrganizationAdminTests(api), IClassFixture<PostgreSqlApi>;
