using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Catalog;

public static class CatalogArrange
{
    public static object Content(string title, string domain = "healthcare", string region = "510100", string[]? modalities = null,
        string security = "general", string openness = "open") => new
    {
        title, description = title + "：用于人工智能模型训练的公共数据标注任务。", domain, modalities = modalities ?? ["image"],
        taskTypes = new[] { "segmentation", "classification" }, volume = 120000m, volumeUnit = "images", securityLevel = security,
        openness, opennessConditions = openness == "conditional" ? "须签署数据使用协议" : null, regionCode = region,
        sourceSystem = "市级医疗影像平台", updateFrequency = "monthly", contact = "数据管理处 028-61234567",
    };

    public static object NewEntry(string title, string domain = "healthcare", string region = "510100", string[]? modalities = null,
        string security = "general", string openness = "open")
    {
        var content = System.Text.Json.JsonSerializer.SerializeToElement(Content(title, domain, region, modalities, security, openness), RegistryApi.Json);
        var fields = content.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["code"] = "T-" + Guid.NewGuid().ToString("N")[..10];
        return fields;
    }

    /// <summary>A draft entry of the agency; returns its id.</summary>
    public static async Task<Guid> DraftAsync(RegistryApi api, string agency, string title, string domain = "healthcare", string region = "510100",
        string[]? modalities = null, string security = "general")
    {
        var client = await api.ClientAsAsync(agency);
        var response = await client.PostAsync("/api/v1/catalog", JsonBody.Of(NewEntry(title, domain, region, modalities, security)));
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    public static async Task<Guid> PublishedAsync(RegistryApi api, string agency, string title, string domain = "healthcare", string region = "510100",
        string[]? modalities = null, string security = "general")
    {
        var id = await DraftAsync(api, agency, title, domain, region, modalities, security);
        var published = await (await api.ClientAsAsync(agency)).PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return id;
    }
}
