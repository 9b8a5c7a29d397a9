using Microsoft.AspNetCore.Hosting;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Ocds;

/// <summary>The ocid prefix is the deployment's (<c>Ocds:Prefix</c>): demands published after it is set carry it, and a prefix no OCDS reader would accept stops the host at startup.</summary>
public sealed class OcdsOptionsTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public async Task Without_a_configured_prefix_a_published_demand_keeps_the_ocid_it_always_had()
    {
        var (id, _) = await DemandArrange.PublishedAsync(api, "默认前缀标注");

        var demand = await (await api.CreateClient().GetAsync($"/api/v1/demands/{id}")).SucceededJsonAsync();

        Assert.Equal("ocds-registry-" + demand.GetProperty("number").GetString(), demand.GetProperty("ocid").GetString());
    }

    [Fact]
    public async Task A_configured_prefix_names_the_demands_published_after_it()
    {
        await using var host = api.WithWebHostBuilder(b => b.UseSetting("Ocds:Prefix", "ocds-a1b2c3"));
        var agency = await DemandArrange.DemoClientAsync(host, "cd.health");
        var draft = await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand("配置前缀标注")))).SucceededJsonAsync();
        var id = draft.GetProperty("id").GetGuid();

        var published = await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { })).SucceededJsonAsync();

        Assert.Equal("ocds-a1b2c3-" + published.GetProperty("number").GetString(), published.GetProperty("ocid").GetString());
    }

    [Theory]
    [InlineData("ocds-Registry")]
    [InlineData("registry")]
    [InlineData("ocds-registry-")]
    [InlineData("ocds-")]
    public void A_prefix_that_is_not_an_ocid_prefix_stops_the_host_naming_the_setting(string prefix)
    {
        using var host = api.WithWebHostBuilder(b => b.UseSetting("Ocds:Prefix", prefix));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Ocds:Prefix", error.ToString(), StringComparison.Ordinal);
    }
}
