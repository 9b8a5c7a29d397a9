using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Nodes;

/// <summary>
/// A regional node's batches (docs/one-network.md) over HTTP with the demo node 四川省数据标注公共服务平台 (region 510000):
/// created, updated, unchanged, conflict and error per item; a re-sent batch changes nothing; nothing outside the node's region
/// is written; a record registered directly or changed on the platform since is never overwritten.
/// </summary>
public abstract class NodeBatchTests(RegistryApi api)
{
    private static string Unique() => NodeArrange.Unique();

    private async Task<HttpResponseMessage> PushAsync(object batch, string who = "sc.node") =>
        await (await api.ClientAsAsync(who)).PostAsync("/api/v1/nodes/batches", JsonBody.Of(batch));

    private async Task<JsonElement> PushedAsync(object batch) => await (await PushAsync(batch)).SucceededJsonAsync();

    private static JsonElement Item(JsonElement report, string externalId) =>
        report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("externalId").GetString() == externalId);

    private static string Outcome(JsonElement report, string externalId) => Item(report, externalId).GetProperty("outcome").GetString()!;

    private async Task<long> OutboxHeadAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return await connection.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from outbox");
    }

    [Fact]
    public async Task A_node_registers_enterprises_and_publishes_catalog_entries_and_a_resent_batch_changes_nothing()
    {
        var (e1, e2, c1) = ("ent-" + Unique(), "ent-" + Unique(), "cat-" + Unique());
        var title = "四川省节点推送病理切片数据集" + Unique();
        var batch = new { enterprises = new[] { NodeArrange.Enterprise(e1), NodeArrange.Enterprise(e2, region: "510700") }, catalogEntries = new[] { NodeArrange.Entry(c1, title) } };

        var first = await PushedAsync(batch);

        Assert.Equal(3, first.GetProperty("created").GetInt32());
        Assert.All(first.GetProperty("items").EnumerateArray(), i => Assert.Equal("created", i.GetProperty("outcome").GetString()));
        var enterpriseId = Item(first, e1).GetProperty("id").GetGuid();
        var profile = await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{enterpriseId}")).SucceededJsonAsync();
        Assert.Equal("510100", profile.GetProperty("regionCode").GetString());
        var found = await (await api.CreateClient().GetAsync($"/api/v1/catalog?q={Uri.EscapeDataString(title)}")).SucceededJsonAsync();
        Assert.Equal(Item(first, c1).GetProperty("id").GetGuid(), found.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal("成都市卫生健康委员会", found.GetProperty("items")[0].GetProperty("agencyNameZh").GetString());

        var head = await OutboxHeadAsync();
        var again = await PushedAsync(batch);

        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(head, await OutboxHeadAsync());
        Assert.Equal(enterpriseId, Item(again, e1).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_changed_item_updates_the_record_it_was_pushed_as_and_publishes_its_new_version()
    {
        var (e, c) = ("ent-" + Unique(), "cat-" + Unique());
        var enterprise = NodeArrange.Enterprise(e);
        var entry = NodeArrange.Entry(c, "四川省节点推送遥感影像" + Unique());
        var first = await PushedAsync(new { enterprises = new[] { enterprise }, catalogEntries = new[] { entry } });

        enterprise["totalStaff"] = 400;
        entry["description"] = "更新后的说明：增加了2025年的影像。";
        var second = await PushedAsync(new { enterprises = new[] { enterprise }, catalogEntries = new[] { entry } });

        Assert.Equal("updated", Outcome(second, e));
        Assert.Equal("updated", Outcome(second, c));
        var profile = await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{Item(first, e).GetProperty("id").GetGuid()}")).SucceededJsonAsync();
        Assert.Equal(400, profile.GetProperty("totalStaff").GetInt32());
        var versions = await (await api.CreateClient().GetAsync($"/api/v1/catalog/{Item(first, c).GetProperty("id").GetGuid()}/versions")).SucceededJsonAsync();
        Assert.Equal(2, versions.GetArrayLength());
    }

    [Fact]
    public async Task A_bad_item_is_an_error_with_field_messages_that_stores_nothing_and_the_good_items_are_kept()
    {
        var (good, bad, badEntry) = ("ent-" + Unique(), "ent-" + Unique(), "cat-" + Unique());
        var broken = NodeArrange.Enterprise(bad);
        broken["totalStaff"] = 0;
        broken["capabilities"] = Array.Empty<object>();
        var entry = NodeArrange.Entry(badEntry, "坏条目" + Unique());
        entry["volumeUnit"] = "buckets";

        var report = await PushedAsync(new { enterprises = new[] { NodeArrange.Enterprise(good), broken }, catalogEntries = new[] { entry } });

        Assert.Equal("created", Outcome(report, good));
        var error = Item(report, bad);
        Assert.Equal("error", error.GetProperty("outcome").GetString());
        Assert.True(error.GetProperty("errors").TryGetProperty("totalStaff", out _), error.ToString());
        Assert.True(error.GetProperty("errors").TryGetProperty("capabilities", out _), error.ToString());
        Assert.True(Item(report, badEntry).GetProperty("errors").TryGetProperty("volumeUnit", out _));
        Assert.Equal(2, report.GetProperty("errors").GetInt32());

        // Fixed and sent again, the item is created: the error left no record behind that would make it a conflict.
        broken["totalStaff"] = 120;
        broken["capabilities"] = new[] { new { modality = "text", taskType = "classification" } };
        Assert.Equal("created", Outcome(await PushedAsync(new { enterprises = new[] { broken } }), bad));
    }

    [Fact]
    public async Task A_node_writes_nothing_outside_its_region_each_refusal_reported_on_its_item()
    {
        var (beijing, hefeiAgency, hefeiRegion) = ("ent-" + Unique(), "cat-" + Unique(), "cat-" + Unique());
        var head = await OutboxHeadAsync();

        var report = await PushedAsync(new
        {
            enterprises = new[] { NodeArrange.Enterprise(beijing, region: "110108") },
            catalogEntries = new[] { NodeArrange.Entry(hefeiAgency, "合肥市越权条目" + Unique(), agency: "hf.transport", region: "340100"), NodeArrange.Entry(hefeiRegion, "越权区域条目" + Unique(), region: "340100") },
        });

        Assert.Equal(3, report.GetProperty("errors").GetInt32());
        Assert.True(Item(report, beijing).GetProperty("errors").TryGetProperty("regionCode", out _));
        Assert.True(Item(report, hefeiAgency).GetProperty("errors").TryGetProperty("agencyCreditCode", out _));
        Assert.True(Item(report, hefeiRegion).GetProperty("errors").TryGetProperty("regionCode", out _));
        Assert.Equal(head, await OutboxHeadAsync());
    }

    [Fact]
    public async Task A_record_registered_on_the_platform_directly_is_a_conflict_and_is_not_overwritten()
    {
        var (_, registered) = await EnterpriseArrange.RegisteredAsync(api);
        var before = await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{registered}")).SucceededJsonAsync();
        var direct = (Dictionary<string, object?>)CatalogArrange.NewEntry("成都市直接登记的条目");
        var code = (string)direct["code"]!;
        var created = await (await (await api.ClientAsAsync("cd.health")).PostAsync("/api/v1/catalog", JsonBody.Of(direct))).SucceededJsonAsync();
        var (e, c) = ("ent-" + Unique(), "cat-" + Unique());

        var report = await PushedAsync(new
        {
            enterprises = new[] { NodeArrange.Enterprise(e, name: before.GetProperty("legalName").GetString(), creditCode: before.GetProperty("creditCode").GetString()) },
            catalogEntries = new[] { NodeArrange.Entry(c, "节点改写的条目", code: code) },
        });

        Assert.Equal("conflict", Outcome(report, e));
        Assert.Equal(registered, Item(report, e).GetProperty("id").GetGuid());
        Assert.Contains("directly", Item(report, e).GetProperty("message").GetString());
        Assert.Equal("conflict", Outcome(report, c));
        Assert.Equal(created.GetProperty("id").GetGuid(), Item(report, c).GetProperty("id").GetGuid());
        Assert.Equal(before.ToString(), (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{registered}")).SucceededJsonAsync()).ToString());
        var entry = await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/catalog/{created.GetProperty("id").GetGuid()}")).SucceededJsonAsync();
        Assert.Equal("成都市直接登记的条目", entry.GetProperty("content").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_record_changed_on_the_platform_since_the_nodes_last_write_is_a_conflict_and_keeps_the_platforms_change()
    {
        var c = "cat-" + Unique();
        var entry = NodeArrange.Entry(c, "节点条目被机构修改" + Unique());
        entry["publish"] = false;
        var id = Item(await PushedAsync(new { catalogEntries = new[] { entry } }), c).GetProperty("id").GetGuid();
        var agency = await api.ClientAsAsync("cd.health");
        var published = await agency.PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        entry["title"] = "节点想改的标题" + Unique();
        var report = await PushedAsync(new { catalogEntries = new[] { entry } });

        Assert.Equal("conflict", Outcome(report, c));
        Assert.Contains("changed on the platform", Item(report, c).GetProperty("message").GetString());
        var now = await (await agency.GetAsync($"/api/v1/catalog/{id}")).SucceededJsonAsync();
        Assert.NotEqual(entry["title"], now.GetProperty("content").GetProperty("title").GetString());
        Assert.Equal("published", now.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_node_cannot_rename_its_enterprise_into_a_regulator_nor_enter_a_government_body_as_an_enterprise()
    {
        var (e, gov) = ("ent-" + Unique(), "ent-" + Unique());
        var enterprise = NodeArrange.Enterprise(e);
        var id = Item(await PushedAsync(new { enterprises = new[] { enterprise } }), e).GetProperty("id").GetGuid();

        enterprise["legalName"] = "国家数据局";
        enterprise["regionCode"] = "510000";
        var renamed = await PushedAsync(new { enterprises = new[] { enterprise, NodeArrange.Enterprise(gov, name: "四川省数据局分局", creditCode: TestCreditCodes.Next("11510000MB")) } });

        var refused = Item(renamed, e);
        Assert.Equal("error", refused.GetProperty("outcome").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("legalName", out _), refused.ToString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("regionCode", out _), refused.ToString());
        Assert.True(Item(renamed, gov).GetProperty("errors").TryGetProperty("creditCode", out _));
        var organization = await (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/organizations/{id}")).SucceededJsonAsync();
        Assert.StartsWith("四川节点标注企业", organization.GetProperty("nameZh").GetString());
        Assert.Equal("enterprise", organization.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_empty_batch_a_repeated_external_id_or_too_many_items_is_a_400_and_other_roles_get_403()
    {
        await (await PushAsync(new { enterprises = Array.Empty<object>() })).ProblemAsync(400);
        var twice = await (await PushAsync(new { catalogEntries = new[] { NodeArrange.Entry("same", "重复一"), NodeArrange.Entry("same", "重复二") } })).ProblemAsync(400);
        Assert.True(twice.GetProperty("errors").TryGetProperty("catalogEntries", out _), twice.ToString());
        var many = Enumerable.Range(0, 101).Select(i => NodeArrange.Enterprise("many-" + i)).ToArray();
        var tooMany = await (await PushAsync(new { enterprises = many })).ProblemAsync(400);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("items", out _), tooMany.ToString());
        var blank = await (await PushAsync(new { enterprises = new[] { NodeArrange.Enterprise(" ") } })).ProblemAsync(400);
        Assert.Contains(blank.GetProperty("errors").EnumerateObject(), p => p.Name.Contains("externalId", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, (await PushAsync(new { enterprises = new[] { NodeArrange.Enterprise("x") } }, who: "cd.health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsync("/api/v1/nodes/batches", JsonBody.Of(new { enterprises = new[] { NodeArrange.Enterprise("x") } }))).StatusCode);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class NodeBatchTests_Sqlite(SqliteApi api) : NodeBatchTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class NodeBatchTests_PostgreSql(PostgreSqlApi api) : NodeBatchTests(api), IClassFixture<PostgreSqlApi>;
