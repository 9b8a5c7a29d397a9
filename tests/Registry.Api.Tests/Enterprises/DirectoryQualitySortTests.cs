using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// The directory's <c>sort=quality</c> orders by the credibility-weighted blend the evaluation uses (QualityBlend), stored on the
/// directory row when a delivery is accepted: a single lucky delivery does not outrank a steady record.
/// </summary>
public abstract class DirectoryQualitySortTests(RegistryApi api)
{
    private const string Prefix = "质量排序";

    private async Task<(HttpClient Client, Guid Id)> EnterpriseAsync(string name)
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", Prefix + name + Guid.NewGuid().ToString("N")[..6] + "有限公司",
            (n, c) => EnterpriseArrange.Profile(n, c, "510100", capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        return (client, id);
    }

    /// <summary>The enterprise wins a demand of its own and delivers on time; the agency accepts at <paramref name="accuracy"/>.</summary>
    private async Task DeliverAsync(HttpClient enterprise, decimal accuracy)
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, Prefix + "需求" + Guid.NewGuid().ToString("N")[..6]);
        await (await enterprise.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).SucceededJsonAsync();
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).SucceededJsonAsync();
        var agency = await api.ClientAsAsync("cd.health");
        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var contract = await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award",
            new { bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid() })).SucceededJsonAsync();
        var path = $"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}";
        await DemandArrange.PassPublicityAsync(api, contract.GetProperty("id").GetGuid());
        await (await agency.PostIfMatchAsync(path + "/signature", new { })).SucceededJsonAsync();
        var delivered = await (await enterprise.PostIfMatchAsync(path + "/deliveries",
            new { description = "全部标注结果", quantity = 50000, manifestSha256 = new string('e', 64) })).SucceededJsonAsync();
        await (await agency.PostIfMatchAsync($"{path}/deliveries/{delivered.GetProperty("deliveries")[0].GetProperty("id").GetGuid()}/acceptance",
            new { sampleSize = 500, measuredAccuracy = accuracy })).SucceededJsonAsync();
    }

    [Fact]
    public async Task One_lucky_delivery_does_not_outrank_a_steady_record_in_the_quality_sort()
    {
        var lucky = await EnterpriseAsync("幸运");
        var steady = await EnterpriseAsync("稳定");
        var newcomer = await EnterpriseAsync("新手");
        await DeliverAsync(lucky.Client, 0.999m);
        foreach (var _ in Enumerable.Range(0, 3)) await DeliverAsync(steady.Client, 0.96m);

        var page = await (await api.CreateClient().GetAsync($"/api/v1/enterprises?q={Uri.EscapeDataString(Prefix)}&sort=quality")).SucceededJsonAsync();

        // Lucky: observed (0.999 + 1) ÷ 2 = 0.9995, blended (0.9995 + 1) ÷ 3 = 0.66650 → 0.6665 (round half away from zero).
        // Steady: observed (0.96 + 1) ÷ 2 = 0.98, blended (2.94 + 1) ÷ 5 = 0.788. By mean accuracy alone lucky came first.
        var rows = page.GetProperty("items").EnumerateArray().Select(e => (Id: e.GetProperty("id").GetGuid(), Blend: e.GetProperty("qualityBlend").GetDecimal(),
            Mean: e.GetProperty("qualityMeanAccuracy").ValueKind == JsonValueKind.Null ? (decimal?)null : e.GetProperty("qualityMeanAccuracy").GetDecimal())).ToList();
        Assert.Equal([steady.Id, lucky.Id, newcomer.Id], rows.Select(r => r.Id));
        Assert.Equal([0.788m, 0.6665m, 0.5m], rows.Select(r => r.Blend));
        Assert.True(rows[1].Mean > rows[0].Mean);
    }
}

public sealed class DirectoryQualitySortTests_Sqlite(SqliteApi api) : DirectoryQualitySortTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class DirectoryQualitySortTests_PostgreSql(PostgreSqlApi api) : DirectoryQualitySortTests(api), IClassFixture<PostgreSqlApi>;
