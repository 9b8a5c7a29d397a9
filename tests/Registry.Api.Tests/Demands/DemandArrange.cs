using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

public static class DemandArrange
{
    public static object Demand(string title, string security = "general", int minimumBids = 1, decimal budget = 100000m, int grade = 1) => new
    {
        title, description = title + "：标注需求", taskSpecification = "对每张图像中的车辆拉框，框线贴合目标边缘。",
        positiveExamples = new[] { "完整车辆拉框" }, negativeExamples = new[] { "框住阴影" }, domain = "transport", modality = "image",
        taskTypes = new[] { "bounding_box" }, volume = 50000m, volumeUnit = "images", minimumAccuracy = 0.95m, budgetCeiling = budget,
        requiredGrade = grade, securityLevel = security, regionCode = "510100", preferredBaseId = (Guid?)null, catalogEntryId = (Guid?)null,
        evaluation = new { kind = "lowest_price", priceWeight = 100, technicalWeight = 0, qualityWeight = 0 },
        bidDeadline = DateTimeOffset.UtcNow.AddDays(8), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), minimumEligibleBids = minimumBids,
    };

    public static object Bid(decimal price = 80000m, decimal accuracy = 0.97m, int dueInDays = 30) => new
    {
        price, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(dueInDays)), accuracy, teamSize = 20, technicalSummary = "双人交叉复核，抽检率10%",
    };

    /// <summary>A published demand of Chengdu's health commission (transport, image bounding boxes, grade 1).</summary>
    public static async Task<(Guid Id, DateTimeOffset Deadline)> PublishedAsync(RegistryApi api, string title, int minimumBids = 1)
    {
        var agency = await api.ClientAsAsync("cd.health");
        var created = await (await agency.PostAsync("/api/v1/demands", TokenTests.JsonContent(Demand(title, minimumBids: minimumBids)))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var published = await agency.PostAsync($"/api/v1/demands/{id}/publish", TokenTests.JsonContent(new { }));
        var body = await published.JsonAsync();
        Assert.True(published.IsSuccessStatusCode, body.ToString());
        return (id, body.GetProperty("bidDeadline").GetDateTimeOffset());
    }

    /// <summary>A registered enterprise able to bid on image bounding boxes; certified unless asked not to be.</summary>
    public static async Task<HttpClient> BidderAsync(RegistryApi api, bool certified = true)
    {
        var (client, _) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseCertificationTests.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        if (certified) await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        return client;
    }

    /// <summary>The same database seen by a host whose clock stands at <paramref name="now"/>; tokens come from that host.</summary>
    public static WebApplicationFactory<Program> At(RegistryApi api, DateTimeOffset now) =>
        api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> host, string clientId, string secret)
    {
        var token = await (await host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }))).JsonAsync();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public static Task<HttpClient> DemoClientAsync(WebApplicationFactory<Program> host, string demo) =>
        ClientAsync(host, "demo-" + demo.Replace('.', '-'), "demo-secret-" + demo.Replace('.', '-'));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
