using System.Net.Http.Headers;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Enterprises;

/// <summary>Arranges enterprises, applications and certificates through the API, as their users would.</summary>
public static class EnterpriseArrange
{
    /// <summary>An enterprise profile as a registration sends it (Chengdu, audio and image capabilities unless told otherwise).</summary>
    public static object Profile(string legalName, string creditCode, string region = "510100", Guid? baseId = null, int staff = 150,
        int senior = 12, int mlps = 3, bool iso = true, object[]? capabilities = null, string[]? domains = null) => new
    {
        legalName, creditCode, regionCode = region, address = "成都市高新区天府大道1号", foundedOn = "2019-03-15",
        contact = new { name = "张经理", phone = "028-88886666", email = "contact@example.cn" }, baseId,
        capabilities = capabilities ?? [new { modality = "audio", taskType = "transcription" }, new { modality = "image", taskType = "bounding_box" }],
        domains = domains ?? ["healthcare", "education"],
        talent = new Dictionary<string, int> { ["level_5"] = 40, ["level_4"] = 28, ["level_3"] = senior, ["level_2"] = 0, ["level_1"] = 0 },
        totalStaff = staff, security = new { mlpsLevel = mlps, iso27001 = iso, secureFacility = false }, tools = new[] { "Label Studio", "自研标注平台" },
    };

    public static readonly object Application = new
    {
        grade = 3,
        evidence = new[] { new { name = "营业执照.pdf", sha256 = new string('a', 64), size = 102400 } },
    };

    /// <summary>A new enterprise organization (created by the operator) with an API client of its own, not yet registered.</summary>
    public static async Task<(HttpClient Client, Guid Id, string Name, string Code)> UnregisteredAsync(RegistryApi api, string region = "510100",
        string? name = null)
    {
        var admin = await api.ClientAsAsync("admin");
        name ??= "测试标注企业" + Guid.NewGuid().ToString("N")[..6];
        var code = TestCreditCodes.Next("91" + region + "MA");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new { nameZh = name, kind = "enterprise", regionCode = region, creditCode = code }))).SucceededJsonAsync();
        var secret = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId = org.GetProperty("id").GetGuid(), displayName = "系统" }))).SucceededJsonAsync();
        var token = await (await api.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = secret.GetProperty("clientId").GetString()!, ["client_secret"] = secret.GetProperty("clientSecret").GetString()!, ["scope"] = "registry.api",
        }))).SucceededJsonAsync();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return (client, org.GetProperty("id").GetGuid(), name, code);
    }

    /// <summary>A new enterprise organization with an API client, its profile registered; returns its client and id.</summary>
    public static async Task<(HttpClient Client, Guid Id)> RegisteredAsync(RegistryApi api, string region = "510100", string? name = null,
        Func<string, string, object>? profile = null)
    {
        var (client, id, chosen, code) = await UnregisteredAsync(api, region, name);
        var body = profile?.Invoke(chosen, code) ?? EnterpriseArrange.Profile(chosen, code, region);
        var registered = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(body));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        return (client, id);
    }

    /// <summary>The enterprise applies for a grade; the national certifier reviews and approves it.</summary>
    public static async Task<Guid> CertifyAsync(RegistryApi api, HttpClient enterprise, int grade)
    {
        var application = await (await enterprise.PostAsync("/api/v1/certification/applications", JsonBody.Of(new
        {
            grade, evidence = new[] { new { name = "材料.pdf", sha256 = new string('d', 64), size = 1000 } },
        }))).JsonAsync();
        var id = application.GetProperty("id").GetGuid();
        var certifier = await api.ClientAsAsync("certifier");
        await certifier.PostAsync($"/api/v1/certification/applications/{id}/review", JsonBody.Of(new { }));
        var approved = await (await certifier.PostAsync($"/api/v1/certification/applications/{id}/approve", JsonBody.Of(new { }))).JsonAsync();
        return approved.GetProperty("certificateId").GetGuid();
    }

    /// <summary>A new enterprise's application, taken under review by Sichuan's regulator when asked.</summary>
    public static async Task<Guid> ApplicationAsync(RegistryApi api, bool underReview)
    {
        var (client, _) = await RegisteredAsync(api);
        var id = (await (await client.PostAsync("/api/v1/certification/applications", JsonBody.Of(Application))).JsonAsync()).GetProperty("id").GetGuid();
        if (underReview) await (await api.ClientAsAsync("sichuan")).PostAsync($"/api/v1/certification/applications/{id}/review", JsonBody.Of(new { }));
        return id;
    }

    /// <summary>A new enterprise's active certificate (suspended when asked).</summary>
    public static async Task<Guid> CertificateAsync(RegistryApi api, bool suspended = false)
    {
        var application = await ApplicationAsync(api, underReview: true);
        var sichuan = await api.ClientAsAsync("sichuan");
        var approved = await (await sichuan.PostAsync($"/api/v1/certification/applications/{application}/approve", JsonBody.Of(new { }))).JsonAsync();
        var certificate = approved.GetProperty("certificateId").GetGuid();
        if (suspended) await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "检查" })).SucceededJsonAsync();
        return certificate;
    }
}
