using System.Net.Http.Headers;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Demands;

public static class DemandArrange
{
    /// <summary>Comprehensive evaluation weighing price, technical merit and quality record.</summary>
    public static object Comprehensive(int price = 50, int technical = 30, int quality = 20) =>
        new { kind = "comprehensive", priceWeight = price, technicalWeight = technical, qualityWeight = quality };

    public static object Demand(string title, string security = "general", int minimumBids = 1, decimal budget = 100000m, int grade = 1,
        object? evaluation = null, string region = "510100", string volumeUnit = "images") => new
    {
        title, description = title + "：标注需求", taskSpecification = "对每张图像中的车辆拉框，框线贴合目标边缘。",
        positiveExamples = new[] { "完整车辆拉框" }, negativeExamples = new[] { "框住阴影" }, domain = "transport", modality = "image",
        taskTypes = new[] { "bounding_box" }, volume = 50000m, volumeUnit, minimumAccuracy = 0.95m, budgetCeiling = budget,
        requiredGrade = grade, securityLevel = security, regionCode = region, preferredBaseId = (Guid?)null, catalogEntryId = (Guid?)null,
        evaluation = evaluation ?? new { kind = "lowest_price", priceWeight = 100, technicalWeight = 0, qualityWeight = 0 },
        bidDeadline = DateTimeOffset.UtcNow.AddDays(8), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), minimumEligibleBids = minimumBids,
    };

    public static object Bid(decimal price = 80000m, decimal accuracy = 0.97m, int dueInDays = 30) => new
    {
        price, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(dueInDays)), accuracy, teamSize = 20, technicalSummary = "双人交叉复核，抽检率10%",
    };

    /// <summary>A published demand (transport, image bounding boxes, grade 1), by default of Chengdu's health commission for Chengdu.</summary>
    public static async Task<(Guid Id, DateTimeOffset Deadline)> PublishedAsync(RegistryApi api, string title, int minimumBids = 1,
        object? evaluation = null, string agency = "cd.health", string region = "510100", string volumeUnit = "images", int grade = 1)
    {
        var client = await api.ClientAsAsync(agency);
        var created = await (await client.PostAsync("/api/v1/demands",
            JsonBody.Of(Demand(title, minimumBids: minimumBids, evaluation: evaluation, region: region, volumeUnit: volumeUnit, grade: grade)))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var published = await client.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { });
        var body = await published.JsonAsync();
        Assert.True(published.IsSuccessStatusCode, body.ToString());
        return (id, body.GetProperty("bidDeadline").GetDateTimeOffset());
    }

    /// <summary>A registered enterprise able to bid on image bounding boxes; certified unless asked not to be.</summary>
    public static async Task<HttpClient> BidderAsync(RegistryApi api, bool certified = true)
    {
        var (client, _) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        if (certified) await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        return client;
    }

    /// <summary>An organization's API client credentials, usable against any host of the same database.</summary>
    public sealed record Party(Guid Id, string ClientId, string Secret)
    {
        public Task<HttpClient> On(WebApplicationFactory<Program> host) => ClientAsync(host, ClientId, Secret);
    }

    /// <summary>A new API client of an existing organization (created by the operator).</summary>
    public static async Task<Party> PartyAsync(RegistryApi api, Guid organizationId)
    {
        var admin = await api.ClientAsAsync("admin");
        var client = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId, displayName = "测试系统" }))).JsonAsync();
        return new Party(organizationId, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>A certified bidder for image bounding boxes, as credentials.</summary>
    public static async Task<Party> BidderPartyAsync(RegistryApi api)
    {
        var (bidder, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await EnterpriseArrange.CertifyAsync(api, bidder, grade: 3);
        return await PartyAsync(api, id);
    }

    /// <summary>A regulator of another province (Anhui, 340000), as credentials.</summary>
    public static async Task<Party> AnhuiRegulatorAsync(RegistryApi api)
    {
        var admin = await api.ClientAsAsync("admin");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "安徽省数据资源管理局" + Guid.NewGuid().ToString("N")[..4], kind = "regulator", regionCode = "340000",
            creditCode = TestCreditCodes.Next("11340000MB"),
        }))).JsonAsync();
        return await PartyAsync(api, org.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// Moves stored dates into the past, for arrangements on the real-clock host that need a past deadline or due date
    /// (tests of the time rules themselves use <see cref="At"/> instead).
    /// </summary>
    public static async Task BackdateAsync(RegistryApi api, string sql, object args)
    {
        var connections = api.Services.GetRequiredService<IConnectionFactory>();
        await using var connection = await connections.OpenPrimaryAsync(default);
        await connection.ExecuteAsync(new Sql(sql).For(connections.Dialect), SqlParameters.Of(args));
    }

    /// <summary>A demand in <c>evaluating</c> with one eligible bid, on the real-clock host; returns the bidder's client.</summary>
    public static async Task<(Guid Id, HttpClient Bidder)> EvaluatingAsync(RegistryApi api, string title, string agency = "cd.health",
        string region = "510100")
    {
        var (id, _) = await PublishedAsync(api, title, agency: agency, region: region);
        var bidder = await BidderAsync(api);
        var bid = await bidder.PutAsync($"/api/v1/demands/{id}/bids/mine", JsonBody.Of(Bid()));
        Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());
        await BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        return (id, bidder);
    }

    /// <summary>An evaluated demand; returns the top-ranked bid.</summary>
    public static async Task<(Guid Id, Guid BidId, HttpClient Bidder)> EvaluatedAsync(RegistryApi api, string title, string agency = "cd.health",
        string region = "510100")
    {
        var (id, bidder) = await EvaluatingAsync(api, title, agency, region);
        var evaluation = await (await (await api.ClientAsAsync(agency)).PostAsync($"/api/v1/demands/{id}/evaluation", JsonBody.Of(new { })))
            .JsonAsync();
        return (id, evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid(), bidder);
    }

    /// <summary>An awarded demand's contract, by default of Chengdu's health commission; returns the contracted enterprise's client.</summary>
    /// <summary>A contract awarded just now: pending, its result notice in publicity; returns the winner's client.</summary>
    public static async Task<(Guid ContractId, HttpClient Enterprise)> PendingContractAsync(RegistryApi api, string title, string agency = "cd.health",
        string region = "510100")
    {
        var (id, bidId, bidder) = await EvaluatedAsync(api, title, agency, region);
        var contract = await (await (await api.ClientAsAsync(agency)).PostIfMatchAsync($"/api/v1/demands/{id}/award", new { bidId }))
            .SucceededJsonAsync();
        Assert.Equal("pending", contract.GetProperty("status").GetString());
        return (contract.GetProperty("id").GetGuid(), bidder);
    }

    /// <summary>
    /// A contract in force: awarded, its publicity period moved into the past (7 days and a minute ago), and signed by the agency.
    /// Returns the winner's client.
    /// </summary>
    public static async Task<(Guid ContractId, HttpClient Enterprise)> ContractAsync(RegistryApi api, string title, string agency = "cd.health",
        string region = "510100")
    {
        var (contract, winner) = await PendingContractAsync(api, title, agency, region);
        await PassPublicityAsync(api, contract);
        var signed = await (await (await api.ClientAsAsync(agency)).PostIfMatchAsync($"/api/v1/contracts/{contract}/signature", new { }))
            .SucceededJsonAsync();
        Assert.Equal("active", signed.GetProperty("status").GetString());
        return (contract, winner);
    }

    /// <summary>Moves a contract's award back past the default 7-day publicity period.</summary>
    public static Task PassPublicityAsync(RegistryApi api, Guid contract) =>
        BackdateAsync(api, "update contracts set awarded_at = @at where id = @id", new { id = contract, at = DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(-1) });

    /// <summary>The same database seen by a host whose clock stands at <paramref name="now"/>; tokens come from that host.</summary>
    public static WebApplicationFactory<Program> At(RegistryApi api, DateTimeOffset now) =>
        api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TestClock(now))));

    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> host, string clientId, string secret)
    {
        var token = await (await host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "registry.api",
        }))).JsonAsync();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public static Task<HttpClient> DemoClientAsync(WebApplicationFactory<Program> host, string demo) =>
        ClientAsync(host, "demo-" + demo.Replace('.', '-'), "demo-secret-" + demo.Replace('.', '-'));
}
