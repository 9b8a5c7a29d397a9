using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Demands;

namespace Registry.Api.Tests.Hosting;

/// <summary>The demo directory and demands, seeded once through the same commands as the first start.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    public SqliteApi Api { get; } = new();

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        await DemoDirectory.SeedAsync(Api.Services, NullLogger.Instance);
        await DemoDemands.SeedAsync(Api.Services, NullLogger.Instance);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>
/// A newcomer signing in as a demo enterprise identity (蜀语, 智驾, 星图) finds it certified and can bid at once, finds the
/// invitations its demo agency sent, and 智驾 misses one open demand by exactly one rule, so gap advice has something to show.
/// Demo data is the same on every provider: SQLite only.
/// </summary>
public sealed class DemoDataTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private readonly RegistryApi _api = demo.Api;

    private async Task<JsonElement> EnterpriseAsync(string username) =>
        await (await _api.CreateClient().GetAsync($"/api/v1/enterprises/{await _api.OrganizationIdAsync(username)}")).SucceededJsonAsync();

    private async Task<JsonElement> OpenDemandAsync(string title)
    {
        var open = await (await _api.CreateClient().GetAsync("/api/v1/demands?status=open&pageSize=100")).SucceededJsonAsync();
        return open.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("title").GetString() == title);
    }

    [Theory]
    [InlineData("shuyu", 3, "audio", "transcription")]
    [InlineData("zhijia", 2, "point_cloud", "cuboid_3d")]
    [InlineData("xingtu", 4, "image", "segmentation")]
    public async Task Each_demo_enterprise_identity_has_a_profile_fitting_its_name_and_an_active_certificate(string username, int grade, string modality,
        string taskType)
    {
        var enterprise = await EnterpriseAsync(username);

        var certificate = enterprise.GetProperty("certificate");
        Assert.Equal(("active", grade), (certificate.GetProperty("status").GetString(), certificate.GetProperty("grade").GetInt32()));
        Assert.Contains(enterprise.GetProperty("capabilities").EnumerateArray(),
            c => c.GetProperty("modality").GetString() == modality && c.GetProperty("taskType").GetString() == taskType);
        Assert.True(enterprise.GetProperty("totalStaff").GetInt32() > 0);
    }

    [Fact]
    public async Task A_newcomer_signed_in_as_zhijia_can_bid_on_an_open_demo_demand_it_was_invited_to()
    {
        var demand = await OpenDemandAsync("合肥市路口车辆拉框标注");
        var zhijia = await _api.ClientAsAsync("zhijia");

        var invitations = await (await zhijia.GetAsync("/api/v1/invitations/mine")).SucceededJsonAsync();
        var bid = await zhijia.PutAsync($"/api/v1/demands/{demand.GetProperty("id").GetGuid()}/bids/mine", JsonBody.Of(new
        {
            price = 200000m, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), accuracy = 0.97m, teamSize = 30,
            technicalSummary = "车辆拉框双人复核（演示）",
        }));

        Assert.Contains(invitations.GetProperty("items").EnumerateArray(), i => i.GetProperty("demandId").GetGuid() == demand.GetProperty("id").GetGuid());
        Assert.Equal("live", (await bid.SucceededJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Zhijia_misses_the_grade_3_point_cloud_demand_by_the_grade_alone()
    {
        var demand = await OpenDemandAsync("合肥市智能网联汽车路测点云三维框标注（重要数据）");
        var zhijia = await EnterpriseAsync("zhijia");
        var certificate = zhijia.GetProperty("certificate");
        var standing = new SupplierStanding(certificate.GetProperty("status").GetString(), certificate.GetProperty("grade").GetInt32(),
            zhijia.GetProperty("security").GetProperty("mlpsLevel").GetInt32(),
            zhijia.GetProperty("capabilities").EnumerateArray().Select(c => (c.GetProperty("modality").GetString()!, c.GetProperty("taskType").GetString()!)).ToList(),
            Excluded: false);
        var requirements = new DemandRequirements(demand.GetProperty("requiredGrade").GetInt32(), demand.GetProperty("securityLevel").GetString()!,
            demand.GetProperty("modality").GetString()!, demand.GetProperty("taskTypes").EnumerateArray().Select(t => t.GetString()!).ToList());

        Assert.Equal(["grade_too_low"], BidEligibility.Problems(requirements, standing).Select(p => p.Code));
        var refused = await (await (await _api.ClientAsAsync("zhijia")).PutAsync($"/api/v1/demands/{demand.GetProperty("id").GetGuid()}/bids/mine",
            JsonBody.Of(new { price = 400000m, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), accuracy = 0.97m, teamSize = 30,
                technicalSummary = "点云三维框（演示）" }))).ProblemAsync(422);
        Assert.Equal("/problems/grade-too-low", refused.GetProperty("type").GetString());
    }
}
