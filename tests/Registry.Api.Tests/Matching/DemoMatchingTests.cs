using Registry.Api.Tests.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Matching;

/// <summary>On the demo data of a first start, matching has something to show: suppliers for every open demand, and gap advice.</summary>
public sealed class DemoMatchingTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private readonly RegistryApi _api = demo.Api;

    [Fact]
    public async Task Every_open_demo_demand_has_ranked_suppliers()
    {
        var admin = await _api.ClientAsAsync("admin");
        var open = await (await _api.CreateClient().GetAsync("/api/v1/demands?status=open&pageSize=100")).SucceededJsonAsync();
        var ids = open.GetProperty("items").EnumerateArray().Select(d => (Id: d.GetProperty("id").GetGuid(), Title: d.GetProperty("title").GetString())).ToList();

        Assert.NotEmpty(ids);
        foreach (var (id, title) in ids)
        {
            var matches = await (await admin.GetAsync($"/api/v1/demands/{id}/matches")).SucceededJsonAsync();
            Assert.True(matches.GetProperty("matches").GetArrayLength() > 0, $"no eligible supplier for {title}");
        }
    }

    [Fact]
    public async Task Zhijia_is_advised_that_grade_3_would_open_the_point_cloud_demand_it_misses()
    {
        var zhijia = await _api.ClientAsAsync("zhijia");

        var answer = await (await zhijia.GetAsync($"/api/v1/enterprises/{await _api.OrganizationIdAsync("zhijia")}/recommended-demands")).SucceededJsonAsync();

        Assert.NotEmpty(answer.GetProperty("demands").EnumerateArray());
        var gap = Assert.Single(answer.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("rule").GetString() == "grade_too_low");
        Assert.StartsWith("Certificate grade 3 would open", gap.GetProperty("advice").GetString(), StringComparison.Ordinal);
    }
}
