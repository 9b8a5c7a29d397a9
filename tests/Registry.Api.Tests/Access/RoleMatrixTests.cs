using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>
/// For every protected endpoint: no token → 401, a role it is not for → 403 (and nothing changes), the right caller → the
/// 2xx status and body type the endpoint declares. For every endpoint that addresses one organization's resource, a caller
/// of the allowed role from another organization → 404, or 403 where the resource is public (see <see cref="OtherOrganization"/>).
/// </summary>
public abstract class RoleMatrixTests(RegistryApi api)
{
    public sealed record Row(string Method, string Route, string Allowed, string? WrongRole, Func<RegistryApi, Task<(string Path, object? Body, string? IfMatch)>> Arrange);

    private static Task<(string, object?, string?)> Plain(string path, object? body = null) => Task.FromResult<(string, object?, string?)>((path, body, null));

    private static async Task<(string, object?, string?)> Versioned(RegistryApi api, string readPath, string writePath, object body)
    {
        var read = await (await api.ClientAsAsync("admin")).GetAsync(readPath);
        return (writePath, body, read.Headers.ETag!.Tag);
    }

    /// <summary>A command on a versioned item with the item's current version, as the operator (who sees every item) reads it.</summary>
    private static async Task<(string, object?, string?)> IfMatch(RegistryApi api, string writePath, object? body = null) =>
        (writePath, body, (await (await api.ClientAsAsync("admin")).ETagAsync(writePath)).Tag);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A terms challenge by shuyu on a new demand of Chengdu's health commission.</summary>
    private static async Task<Guid> ChallengedAsync(RegistryApi api, string title)
    {
        var demand = (await Demands.DemandArrange.PublishedAsync(api, title)).Id;
        var filed = await (await (await api.ClientAsAsync("shuyu")).PostAsync($"/api/v1/demands/{demand}/challenges",
            JsonBody.Of(new { kind = "terms", grounds = "资质要求过高。" }))).SucceededJsonAsync();
        return filed.GetProperty("id").GetGuid();
    }

    /// <summary>shuyu's complaint about a terms challenge left unanswered past its deadline.</summary>
    private static async Task<Guid> ComplainedAsync(RegistryApi api, string title)
    {
        var challenge = await ChallengedAsync(api, title);
        await Demands.DemandArrange.BackdateAsync(api, "update demand_challenges set answer_due = @due where id = @id",
            new { id = challenge, due = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var complained = await (await (await api.ClientAsAsync("shuyu")).PostAsync($"/api/v1/challenges/{challenge}/complaint",
            JsonBody.Of(new { grounds = "逾期未答复。" }))).SucceededJsonAsync();
        return complained.GetProperty("complaint").GetProperty("id").GetGuid();
    }

    private static async Task<string> NewClientAsync(RegistryApi api, string name)
    {
        var admin = await api.ClientAsAsync("admin");
        var created = await (await admin.PostAsync("/api/v1/admin/clients",
            JsonBody.Of(new { organizationId = await api.OrganizationIdAsync("sc.node"), displayName = name + " " + Unique() }))).JsonAsync();
        return created.GetProperty("clientId").GetString()!;
    }

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("GET", "/api/v1/organizations/", "nda", "shuyu", _ => Plain("/api/v1/organizations")),
        new("GET", "/api/v1/organizations/{id:guid}", "cd.health", null,
            async a => ($"/api/v1/organizations/{await a.OrganizationIdAsync("cd.health")}", null, null)),
        new("POST", "/api/v1/organizations/", "admin", "nda", _ => Plain("/api/v1/organizations", new
        {
            nameZh = "测试机构" + Unique(), kind = "agency", regionCode = "510100",
            creditCode = TestCreditCodes.Next("11510100MB"),
        })),
        new("PUT", "/api/v1/organizations/{id:guid}", "admin", "nda", async a =>
        {
            var id = await a.OrganizationIdAsync("xingtu");
            return await Versioned(a, $"/api/v1/organizations/{id}", $"/api/v1/organizations/{id}", new
            {
                nameZh = "海口星图遥感数据有限公司（演示）", nameEn = "Haikou Xingtu Remote Sensing Data Co., Ltd. (demo)", regionCode = "460100",
                creditCode = Registry.Domain.Identifiers.UnifiedSocialCreditCode.Create("91460100MA5T00009"), active = true,
            });
        }),
        new("POST", "/api/v1/organizations/{id:guid}/identity-changes", "admin", "shuyu", async a =>
        {
            var (_, id) = await Enterprises.EnterpriseArrange.RegisteredAsync(a);
            return await Versioned(a, $"/api/v1/organizations/{id}", $"/api/v1/organizations/{id}/identity-changes",
                new { nameZh = "矩阵更名企业" + Unique(), reason = "经核准更名" });
        }),
        new("GET", "/api/v1/organizations/{id:guid}/identity-history", "sichuan", "shuyu",
            async a => ($"/api/v1/organizations/{await a.OrganizationIdAsync("cd.health")}/identity-history", null, null)),
        new("GET", "/api/v1/admin/users", "admin", "sichuan", _ => Plain("/api/v1/admin/users")),
        new("POST", "/api/v1/admin/users", "admin", "cd.health", async a => ($"/api/v1/admin/users", new
        {
            organizationId = await a.OrganizationIdAsync("shuyu"), username = "u" + Unique(), displayName = "测试用户", initialPassword = "Initial2026abc",
        }, null)),
        new("PUT", "/api/v1/admin/users/{id:guid}", "admin", "shuyu", async a =>
        {
            var admin = await a.ClientAsAsync("admin");
            var user = (await (await admin.GetAsync($"/api/v1/admin/users?organizationId={await a.OrganizationIdAsync("sc.node")}")).JsonAsync())
                .GetProperty("items")[0];
            return ($"/api/v1/admin/users/{user.GetProperty("id").GetGuid()}", new { displayName = "四川省数据标注公共服务平台", active = true, unlock = false },
                $"\"{user.GetProperty("version").GetInt64()}\"");
        }),
        new("GET", "/api/v1/admin/clients", "admin", "sc.node", _ => Plain("/api/v1/admin/clients")),
        new("POST", "/api/v1/admin/clients", "admin", "sc.node", async a =>
            ("/api/v1/admin/clients", new { organizationId = await a.OrganizationIdAsync("sc.node"), displayName = "节点同步 " + Unique() }, null)),
        new("POST", "/api/v1/admin/clients/{clientId}/deactivate", "admin", "sc.node", async a =>
            ($"/api/v1/admin/clients/{await NewClientAsync(a, "矩阵停用")}/deactivate", null, null)),
        new("POST", "/api/v1/admin/clients/{clientId}/rotate-secret", "admin", "sc.node", async a =>
            ($"/api/v1/admin/clients/{await NewClientAsync(a, "矩阵轮换")}/rotate-secret", null, null)),
        new("POST", "/api/v1/bases/", "admin", "sichuan", _ => Plain("/api/v1/bases", new
        {
            code = "b" + Unique(), nameZh = "测试省级基地", level = "provincial", regionCode = "510700", focusDomains = new[] { "agriculture" },
        })),
        new("PUT", "/api/v1/bases/{id:guid}", "admin", "sichuan", async a =>
        {
            var list = await (await a.CreateClient().GetAsync("/api/v1/bases?region=140200")).JsonAsync();
            var b = list.GetProperty("items")[0];
            var id = b.GetProperty("id").GetGuid();
            return ($"/api/v1/bases/{id}", new
            {
                nameZh = "大同数据标注基地", nameEn = "Datong Data Labeling Base", level = "national", regionCode = "140200",
                focusZh = b.GetProperty("focusZh").GetString(), focusEn = b.GetProperty("focusEn").GetString(),
                focusDomains = new[] { "information_services" },
            }, $"\"{b.GetProperty("version").GetInt64()}\"");
        }),
        new("GET", "/api/v1/audit/verify", "nda", "shuyu", _ => Plain("/api/v1/audit/verify")),
        new("GET", "/api/v1/audit/checkpoints", "nda", "shuyu", _ => Plain("/api/v1/audit/checkpoints")),
        new("POST", "/api/v1/enterprises/", "xingtu", "cd.health", _ => Plain("/api/v1/enterprises",
            Enterprises.EnterpriseArrange.Profile("海口星图遥感数据有限公司（演示）",
                Registry.Domain.Identifiers.UnifiedSocialCreditCode.Create("91460100MA5T00009"), "460100"))),
        new("PUT", "/api/v1/enterprises/{id:guid}", "__own", "nda", async a =>
        {
            var (client, id) = await Enterprises.EnterpriseArrange.RegisteredAsync(a);
            var read = await client.GetAsync($"/api/v1/enterprises/{id}");
            var detail = await read.JsonAsync();
            var body = Enterprises.EnterpriseArrange.Profile(detail.GetProperty("legalName").GetString()!, detail.GetProperty("creditCode").GetString()!);
            Own!.Add(body, client);
            return ($"/api/v1/enterprises/{id}", body, read.Headers.ETag!.Tag);
        }),
        new("POST", "/api/v1/enterprises/{id:guid}/designations", "nda", "shuyu", async a =>
        {
            var (_, id) = await Enterprises.EnterpriseArrange.RegisteredAsync(a);
            return ($"/api/v1/enterprises/{id}/designations", new { designation = "gazelle", grantedOn = "2026-11-01", reason = "高成长" }, null);
        }),
        new("POST", "/api/v1/enterprises/{id:guid}/designations/{designation}/withdraw", "nda", "shuyu", async a =>
        {
            var (_, id) = await Enterprises.EnterpriseArrange.RegisteredAsync(a);
            await (await a.ClientAsAsync("nda")).PostAsync($"/api/v1/enterprises/{id}/designations",
                JsonBody.Of(new { designation = "leading", grantedOn = "2026-11-01", reason = "行业龙头" }));
            return ($"/api/v1/enterprises/{id}/designations/leading/withdraw", new { withdrawnOn = "2026-11-20", reason = "复核不达标" }, null);
        }),
        new("GET", "/api/v1/certification/applications/", "certifier", "cd.health", _ => Plain("/api/v1/certification/applications")),
        new("POST", "/api/v1/certification/applications/", "__own", "sichuan", async a =>
        {
            var (client, _) = await Enterprises.EnterpriseArrange.RegisteredAsync(a);
            var body = new { grade = 3, evidence = new[] { new { name = "营业执照.pdf", sha256 = new string('c', 64), size = 1024 } } };
            Own!.Add(body, client);
            return ("/api/v1/certification/applications", body, null);
        }),
        new("POST", "/api/v1/certification/applications/{id:guid}/review", "sichuan", "shuyu", async a =>
            ($"/api/v1/certification/applications/{await Enterprises.EnterpriseArrange.ApplicationAsync(a, underReview: false)}/review", null, null)),
        new("POST", "/api/v1/certification/applications/{id:guid}/approve", "sichuan", "shuyu", async a =>
            ($"/api/v1/certification/applications/{await Enterprises.EnterpriseArrange.ApplicationAsync(a, underReview: true)}/approve", null, null)),
        new("POST", "/api/v1/certification/applications/{id:guid}/reject", "sichuan", "shuyu", async a =>
            ($"/api/v1/certification/applications/{await Enterprises.EnterpriseArrange.ApplicationAsync(a, underReview: true)}/reject", new { reason = "材料不全" }, null)),
        new("POST", "/api/v1/certificates/{id:guid}/suspend", "nda", "cd.health", async a =>
            await IfMatch(a, $"/api/v1/certificates/{await Enterprises.EnterpriseArrange.CertificateAsync(a)}/suspend", new { reason = "检查" })),
        new("POST", "/api/v1/certificates/{id:guid}/reinstate", "nda", "cd.health", async a =>
            await IfMatch(a, $"/api/v1/certificates/{await Enterprises.EnterpriseArrange.CertificateAsync(a, suspended: true)}/reinstate", new { reason = "整改完成" })),
        new("POST", "/api/v1/certificates/{id:guid}/revoke", "nda", "cd.health", async a =>
            await IfMatch(a, $"/api/v1/certificates/{await Enterprises.EnterpriseArrange.CertificateAsync(a)}/revoke", new { reason = "严重违规" })),
        new("GET", "/api/v1/alerts/", "nda", "shuyu", _ => Plain("/api/v1/alerts")),
        new("GET", "/api/v1/statistics/series", "nda", "shuyu", _ => Plain("/api/v1/statistics/series?metric=awardedValue")),
        new("GET", "/api/v1/statistics/breakdown", "sichuan", "cd.health", _ => Plain("/api/v1/statistics/breakdown?by=city")),
        new("GET", "/api/v1/statistics/bases", "admin", "shuyu", _ => Plain("/api/v1/statistics/bases")),
        new("GET", "/api/v1/statistics/talent", "sichuan", "certifier", _ => Plain("/api/v1/statistics/talent")),
        new("GET", "/api/v1/statistics/market", "nda", "sc.node", _ => Plain("/api/v1/statistics/market")),
        new("GET", "/api/v1/alerts/{id:guid}", "sichuan", "cd.health", async a => ($"/api/v1/alerts/{await Alerts.AlertArrange.OpenAsync(a)}", null, null)),
        new("POST", "/api/v1/alerts/{id:guid}/acknowledge", "sichuan", "admin", async a =>
            await IfMatch(a, $"/api/v1/alerts/{await Alerts.AlertArrange.OpenAsync(a)}/acknowledge", new { note = "已安排核查" })),
        new("POST", "/api/v1/alerts/{id:guid}/resolve", "sichuan", "cd.health", async a =>
            await IfMatch(a, $"/api/v1/alerts/{await Alerts.AlertArrange.OpenAsync(a)}/resolve", new { note = "已核查处理" })),
        new("POST", "/api/v1/alerts/{id:guid}/dismiss", "sichuan", "shuyu", async a =>
            await IfMatch(a, $"/api/v1/alerts/{await Alerts.AlertArrange.OpenAsync(a)}/dismiss", new { reason = "属正常情况" })),
        // Exclusions: the register is public; regulators of the enterprise's jurisdiction record and lift them.
        new("POST", "/api/v1/exclusions/", "sichuan", "shuyu", async a => ("/api/v1/exclusions", await Exclusions.ExclusionArrange.BodyAsync(a), null)),
        new("POST", "/api/v1/exclusions/{id:guid}/lift", "sichuan", "shuyu", async a =>
            await IfMatch(a, $"/api/v1/exclusions/{await Exclusions.ExclusionArrange.InForceAsync(a)}/lift", new { reason = "行政复议撤销原处罚" })),
        new("POST", "/api/v1/admin/jobs/certificate-expiry", "admin", "nda", _ => Plain("/api/v1/admin/jobs/certificate-expiry")),
        new("POST", "/api/v1/admin/jobs/audit-checkpoint", "admin", "nda", _ => Plain("/api/v1/admin/jobs/audit-checkpoint")),
        new("GET", "/api/v1/admin/projections/", "admin", "nda", _ => Plain("/api/v1/admin/projections")),
        new("POST", "/api/v1/admin/projections/{name}/resume", "admin", "nda", _ => Plain("/api/v1/admin/projections/region-activity/resume")),
        new("POST", "/api/v1/admin/projections/{name}/rebuild", "admin", "nda", _ => Plain("/api/v1/admin/projections/region-activity/rebuild")),
        new("POST", "/api/v1/catalog/", "cd.health", "shuyu", _ => Plain("/api/v1/catalog", Catalog.CatalogArrange.NewEntry("矩阵测试目录"))),
        new("PUT", "/api/v1/catalog/{id:guid}", "cd.health", "shuyu", async a =>
        {
            var id = await Catalog.CatalogArrange.DraftAsync(a, "cd.health", "矩阵测试草稿");
            var read = await (await a.ClientAsAsync("cd.health")).GetAsync($"/api/v1/catalog/{id}");
            return ($"/api/v1/catalog/{id}", Catalog.CatalogArrange.Content("矩阵测试草稿（改）"), read.Headers.ETag!.Tag);
        }),
        new("POST", "/api/v1/catalog/{id:guid}/publish", "cd.health", "shuyu", async a =>
            ($"/api/v1/catalog/{await Catalog.CatalogArrange.DraftAsync(a, "cd.health", "矩阵测试发布")}/publish", null, null)),
        new("POST", "/api/v1/catalog/{id:guid}/withdraw", "cd.health", "shuyu", async a =>
            ($"/api/v1/catalog/{await Catalog.CatalogArrange.PublishedAsync(a, "cd.health", "矩阵测试撤回")}/withdraw", new { reason = "测试" }, null)),
        new("POST", "/api/v1/catalog/{id:guid}/versions", "cd.health", "shuyu", async a =>
            ($"/api/v1/catalog/{await Catalog.CatalogArrange.PublishedAsync(a, "cd.health", "矩阵测试新版本")}/versions", null, null)),
        new("POST", "/api/v1/catalog/import", "cd.health", "shuyu", _ => Plain("/api/v1/catalog/import",
            new { rows = new[] { Catalog.CatalogArrange.NewEntry("矩阵测试导入") } })),
        new("POST", "/api/v1/nodes/batches", "sc.node", "cd.health", _ => Plain("/api/v1/nodes/batches",
            new { catalogEntries = new[] { Nodes.NodeArrange.Entry("matrix-" + Unique(), "矩阵测试节点条目") } })),
        new("POST", "/api/v1/demands/", "cd.health", "shuyu", _ => Plain("/api/v1/demands", Demands.DemandArrange.Demand("矩阵测试需求"))),
        new("POST", "/api/v1/demands/{id:guid}/publish", "cd.health", "shuyu", async a =>
        {
            var created = await (await (await a.ClientAsAsync("cd.health")).PostAsync("/api/v1/demands", JsonBody.Of(Demands.DemandArrange.Demand("矩阵发布")))).JsonAsync();
            return await IfMatch(a, $"/api/v1/demands/{created.GetProperty("id").GetGuid()}/publish");
        }),
        new("POST", "/api/v1/demands/{id:guid}/cancel", "cd.health", "shuyu", async a =>
            await IfMatch(a, $"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵取消")).Id}/cancel", new { reason = "预算调整" })),
        new("POST", "/api/v1/demands/{id:guid}/deadline", "cd.health", "shuyu", async a =>
        {
            var (id, deadline) = await Demands.DemandArrange.PublishedAsync(a, "矩阵延期");
            return await IfMatch(a, $"/api/v1/demands/{id}/deadline", new { bidDeadline = deadline.AddDays(1) });
        }),
        new("GET", "/api/v1/demands/{id:guid}/bids", "shuyu", "certifier", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵投标列表")).Id}/bids", null, null)),
        new("PUT", "/api/v1/demands/{id:guid}/bids/mine", "__own", "cd.health", async a =>
        {
            var (id, _) = await Demands.DemandArrange.PublishedAsync(a, "矩阵投标");
            var bidder = await Demands.DemandArrange.BidderAsync(a);
            var body = Demands.DemandArrange.Bid();
            Own!.Add(body, bidder);
            return ($"/api/v1/demands/{id}/bids/mine", body, null);
        }),
        new("DELETE", "/api/v1/demands/{id:guid}/bids/mine", "__own", "cd.health", async a =>
        {
            var (id, _) = await Demands.DemandArrange.PublishedAsync(a, "矩阵撤标");
            var bidder = await Demands.DemandArrange.BidderAsync(a);
            await bidder.PutAsync($"/api/v1/demands/{id}/bids/mine", JsonBody.Of(Demands.DemandArrange.Bid()));
            var key = new { withdraw = true };
            Own!.Add(key, bidder);
            return ($"/api/v1/demands/{id}/bids/mine", key, null);
        }),
        new("POST", "/api/v1/admin/jobs/demand-closing", "admin", "nda", _ => Plain("/api/v1/admin/jobs/demand-closing")),
        new("GET", "/api/v1/demands/mine", "cd.health", "shuyu", _ => Plain("/api/v1/demands/mine")),
        new("POST", "/api/v1/demands/{id:guid}/clarifications", "cd.health", "shuyu", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵澄清")).Id}/clarifications",
                new { question = "是否包含夜间图像？", answer = "包含，约占20%。" }, null)),
        new("GET", "/api/v1/bids/mine", "shuyu", "cd.health", _ => Plain("/api/v1/bids/mine")),
        new("POST", "/api/v1/demands/{id:guid}/invitations", "cd.health", "shuyu", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵邀请")).Id}/invitations",
                new { enterpriseIds = new[] { await a.OrganizationIdAsync("shuyu") } }, null)),
        new("GET", "/api/v1/demands/{id:guid}/invitations", "cd.health", "shuyu", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵邀请列表")).Id}/invitations", null, null)),
        new("GET", "/api/v1/invitations/mine", "shuyu", "cd.health", _ => Plain("/api/v1/invitations/mine")),
        new("POST", "/api/v1/demands/{id:guid}/amendments", "cd.health", "shuyu", async a =>
            await IfMatch(a, $"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵修改")).Id}/amendments",
                new { reason = "补充说明", description = "补充后的需求说明。" })),
        new("POST", "/api/v1/demands/{id:guid}/bids/mine/confirm", "__own", "cd.health", async a =>
        {
            var demand = (await Demands.DemandArrange.PublishedAsync(a, "矩阵确认投标")).Id;
            var bidder = await Demands.DemandArrange.BidderAsync(a);
            (await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(Demands.DemandArrange.Bid()))).EnsureSuccessStatusCode();
            (await (await a.ClientAsAsync("cd.health")).PostIfMatchAsync($"/api/v1/demands/{demand}/amendments",
                new { reason = "补充说明", description = "补充后的需求说明。" })).EnsureSuccessStatusCode();
            var key = new { confirm = true };
            Own!.Add(key, bidder);
            return ($"/api/v1/demands/{demand}/bids/mine/confirm", key, null);
        }),
        new("GET", "/api/v1/inbox/", "shuyu", null, _ => Plain("/api/v1/inbox")),
        new("POST", "/api/v1/inbox/{id:guid}/read", "shuyu", null, async a =>
        {
            await a.Services.GetRequiredService<Registry.Application.Common.Projections.Projector>()
                .CatchUpAsync(Registry.Application.Inbox.InboxProjection.ProjectionName, default);
            var connections = a.Services.GetRequiredService<Registry.Application.Common.IConnectionFactory>();
            await using var connection = await connections.OpenPrimaryAsync(default);
            var shuyu = await a.OrganizationIdAsync("shuyu");
            var notice = Guid.CreateVersion7();
            await Dapper.SqlMapper.ExecuteAsync(connection, new Registry.Application.Common.Sql("""
                insert into inbox_notices (id, organization_id, kind, subject_type, subject_id, title_zh, title_en, link, event_seq, occurred_at, read_at)
                values (@notice, @shuyu, 'invitation', 'demand', 'x', '矩阵通知', 'matrix notice', '/api/v1/demands', -1 - @n, @now, null)
                """).For(connections.Dialect), Registry.Application.Common.SqlParameters.Of(new { notice, shuyu, n = Random.Shared.Next(1, 1_000_000), now = DateTimeOffset.UtcNow }));
            return ($"/api/v1/inbox/{notice}/read", null, null);
        }),
        new("GET", "/api/v1/demands/{id:guid}/opening", "cd.health", "certifier", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.EvaluatingAsync(a, "矩阵开标记录")).Id}/opening", null, null)),
        new("POST", "/api/v1/demands/{id:guid}/questions/", "shuyu", "cd.health", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵询问")).Id}/questions", new { question = "是否包含夜间图像？" }, null)),
        new("GET", "/api/v1/demands/{id:guid}/questions/", "cd.health", "certifier", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵询问列表")).Id}/questions", null, null)),
        new("POST", "/api/v1/demands/{id:guid}/questions/{questionId:guid}/answer", "cd.health", "shuyu", async a =>
        {
            var demand = (await Demands.DemandArrange.PublishedAsync(a, "矩阵询问答复")).Id;
            var asked = await (await (await a.ClientAsAsync("shuyu")).PostAsync($"/api/v1/demands/{demand}/questions",
                JsonBody.Of(new { question = "是否包含夜间图像？" }))).SucceededJsonAsync();
            return ($"/api/v1/demands/{demand}/questions/{asked.GetProperty("id").GetGuid()}/answer", new { answer = "包含，约占20%。" }, null);
        }),
        // Challenges and complaints (质疑 / 投诉).
        new("POST", "/api/v1/demands/{id:guid}/challenges/", "shuyu", "cd.health", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵质疑")).Id}/challenges", new { kind = "terms", grounds = "资质要求过高。" }, null)),
        new("GET", "/api/v1/demands/{id:guid}/challenges/", "cd.health", "certifier", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵质疑列表")).Id}/challenges", null, null)),
        new("GET", "/api/v1/challenges/{id:guid}", "cd.health", "certifier", async a =>
            ($"/api/v1/challenges/{await ChallengedAsync(a, "矩阵质疑详情")}", null, null)),
        new("POST", "/api/v1/challenges/{id:guid}/answer", "cd.health", "shuyu", async a =>
            ($"/api/v1/challenges/{await ChallengedAsync(a, "矩阵质疑答复")}/answer", new { answer = "资质要求依据项目密级。", upheld = false }, null)),
        new("POST", "/api/v1/challenges/{id:guid}/complaint", "shuyu", "cd.health", async a =>
        {
            var challenge = await ChallengedAsync(a, "矩阵投诉");
            await Demands.DemandArrange.BackdateAsync(a, "update demand_challenges set answer_due = @due where id = @id",
                new { id = challenge, due = DateTimeOffset.UtcNow.AddMinutes(-1) });
            return ($"/api/v1/challenges/{challenge}/complaint", new { grounds = "逾期未答复。" }, null);
        }),
        new("POST", "/api/v1/complaints/{id:guid}/suspend", "sichuan", "shuyu", async a =>
            ($"/api/v1/complaints/{await ComplainedAsync(a, "矩阵暂停")}/suspend", new { reason = "投诉处理期间暂停。" }, null)),
        new("POST", "/api/v1/complaints/{id:guid}/decision", "sichuan", "shuyu", async a =>
            ($"/api/v1/complaints/{await ComplainedAsync(a, "矩阵投诉决定")}/decision", new { upheld = false, reasoning = "投诉不成立。" }, null)),
        new("POST", "/api/v1/admin/jobs/challenge-deadlines", "admin", "nda", _ => Plain("/api/v1/admin/jobs/challenge-deadlines")),
        new("POST", "/api/v1/demands/{id:guid}/evaluation", "cd.health", "shuyu", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.EvaluatingAsync(a, "矩阵评标")).Id}/evaluation", null, null)),
        new("GET", "/api/v1/demands/{id:guid}/evaluation", "cd.health", "certifier", async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.EvaluatedAsync(a, "矩阵评标结果")).Id}/evaluation", null, null)),
        new("POST", "/api/v1/demands/{id:guid}/award", "cd.health", "shuyu", async a =>
        {
            var (id, bidId, _) = await Demands.DemandArrange.EvaluatedAsync(a, "矩阵授标");
            return await IfMatch(a, $"/api/v1/demands/{id}/award", new { bidId });
        }),
        new("POST", "/api/v1/demands/{id:guid}/unsuccessful", "cd.health", "shuyu", async a =>
            await IfMatch(a, $"/api/v1/demands/{(await Demands.DemandArrange.EvaluatedAsync(a, "矩阵流标")).Id}/unsuccessful", new { reason = "无合格方案" })),
        // Every role may ask for matches and recommendations; whose demand or enterprise it is decides (OtherOrganization).
        new("GET", "/api/v1/demands/{id:guid}/matches", "cd.health", null, async a =>
            ($"/api/v1/demands/{(await Demands.DemandArrange.PublishedAsync(a, "矩阵匹配")).Id}/matches", null, null)),
        new("GET", "/api/v1/enterprises/{id:guid}/recommended-demands", "sichuan", null, async a =>
            ($"/api/v1/enterprises/{(await Enterprises.EnterpriseArrange.RegisteredAsync(a)).Id}/recommended-demands", null, null)),
        new("GET", "/api/v1/contracts/", "cd.health", "certifier", _ => Plain("/api/v1/contracts")),
        new("GET", "/api/v1/contracts/{id:guid}", "cd.health", "certifier", async a =>
            ($"/api/v1/contracts/{(await Demands.DemandArrange.ContractAsync(a, "矩阵合同")).ContractId}", null, null)),
        new("POST", "/api/v1/contracts/{id:guid}/deliveries", "__own", "cd.health", async a =>
        {
            var (contract, enterprise) = await Demands.DemandArrange.ContractAsync(a, "矩阵交付");
            var body = new { description = "全部标注结果", quantity = 100, manifestSha256 = new string('e', 64) };
            Own!.Add(body, enterprise);
            return await IfMatch(a, $"/api/v1/contracts/{contract}/deliveries", body);
        }),
        new("POST", "/api/v1/contracts/{id:guid}/deliveries/{deliveryId:guid}/acceptance", "cd.health", "shuyu", async a =>
        {
            var (contract, enterprise) = await Demands.DemandArrange.ContractAsync(a, "矩阵验收");
            var delivered = await (await enterprise.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries",
                new { description = "全部标注结果", quantity = 100, manifestSha256 = new string('e', 64) })).SucceededJsonAsync();
            return await IfMatch(a, $"/api/v1/contracts/{contract}/deliveries/{delivered.GetProperty("deliveries")[0].GetProperty("id").GetGuid()}/acceptance",
                new { sampleSize = 50, measuredAccuracy = 0.98m });
        }),
        new("POST", "/api/v1/contracts/{id:guid}/signature", "cd.health", "shuyu", async a =>
        {
            var (contract, _) = await Demands.DemandArrange.PendingContractAsync(a, "矩阵签订");
            await Demands.DemandArrange.PassPublicityAsync(a, contract);
            return await IfMatch(a, $"/api/v1/contracts/{contract}/signature", new { });
        }),
        new("POST", "/api/v1/contracts/{id:guid}/terminate", "cd.health", "shuyu", async a =>
        {
            var (contract, _) = await Demands.DemandArrange.ContractAsync(a, "矩阵终止");
            await Demands.DemandArrange.BackdateAsync(a, "update contracts set due_date = @due where id = @id",
                new { id = contract, due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)) });
            return await IfMatch(a, $"/api/v1/contracts/{contract}/terminate", new { reason = "逾期未交付" });
        }),
    ];

    /// <summary>A regulator of another province (Guangdong), for rows whose resource lies in Sichuan.</summary>
    private const string OtherProvince = "__other_province";

    private async Task<string> OtherProvinceRegulatorTokenAsync()
    {
        var admin = await api.ClientAsAsync("admin");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "广东省数据管理局" + Unique(), kind = "regulator", regionCode = "440000",
            creditCode = TestCreditCodes.Next("11440000MB"),
        }))).JsonAsync();
        var party = await Demands.DemandArrange.PartyAsync(api, org.GetProperty("id").GetGuid());
        return (await party.On(api)).DefaultRequestHeaders.Authorization!.Parameter!;
    }

    /// <summary>
    /// Rows whose resource belongs to one organization, with a caller of the allowed role from another one and its answer: 404 where
    /// the resource's existence is its owner's business (drafts, contracts, applications, records outside a regulator's region),
    /// 403 where the resource is public (a published demand or catalog entry, a registered enterprise, a certificate) and only
    /// the change is refused. One row at least per area.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Caller, int Status)> OtherOrganization = new Dictionary<string, (string, int)>
    {
        ["GET /api/v1/organizations/{id:guid}"] = ("hf.transport", 404),
        ["POST /api/v1/organizations/{id:guid}/identity-changes"] = (OtherProvince, 404),
        ["GET /api/v1/organizations/{id:guid}/identity-history"] = (OtherProvince, 404),
        ["PUT /api/v1/enterprises/{id:guid}"] = ("shuyu", 403),
        ["POST /api/v1/enterprises/{id:guid}/designations"] = (OtherProvince, 403),
        ["POST /api/v1/enterprises/{id:guid}/designations/{designation}/withdraw"] = (OtherProvince, 403),
        ["POST /api/v1/certification/applications/{id:guid}/review"] = (OtherProvince, 404),
        ["POST /api/v1/certification/applications/{id:guid}/approve"] = (OtherProvince, 404),
        ["POST /api/v1/certification/applications/{id:guid}/reject"] = (OtherProvince, 404),
        ["POST /api/v1/certificates/{id:guid}/suspend"] = (OtherProvince, 403),
        ["POST /api/v1/certificates/{id:guid}/reinstate"] = (OtherProvince, 403),
        ["POST /api/v1/certificates/{id:guid}/revoke"] = (OtherProvince, 403),
        ["PUT /api/v1/catalog/{id:guid}"] = ("hf.transport", 404),
        ["POST /api/v1/catalog/{id:guid}/publish"] = ("hf.transport", 404),
        ["POST /api/v1/catalog/{id:guid}/withdraw"] = ("hf.transport", 403),
        ["POST /api/v1/catalog/{id:guid}/versions"] = ("hf.transport", 403),
        ["POST /api/v1/demands/{id:guid}/publish"] = ("hf.transport", 404),
        ["POST /api/v1/demands/{id:guid}/cancel"] = ("hf.transport", 403),
        ["POST /api/v1/demands/{id:guid}/deadline"] = ("hf.transport", 403),
        ["POST /api/v1/demands/{id:guid}/clarifications"] = ("hf.transport", 403),
        ["POST /api/v1/demands/{id:guid}/invitations"] = ("hf.transport", 403),
        ["GET /api/v1/demands/{id:guid}/invitations"] = ("hf.transport", 404),
        ["GET /api/v1/demands/{id:guid}/questions/"] = ("hf.transport", 404),
        ["GET /api/v1/demands/{id:guid}/opening"] = ("hf.transport", 404),
        ["POST /api/v1/demands/{id:guid}/amendments"] = ("hf.transport", 403),
        ["POST /api/v1/inbox/{id:guid}/read"] = ("zhijia", 404),
        ["POST /api/v1/demands/{id:guid}/questions/{questionId:guid}/answer"] = ("hf.transport", 403),
        ["GET /api/v1/demands/{id:guid}/challenges/"] = ("hf.transport", 404),
        ["GET /api/v1/challenges/{id:guid}"] = ("hf.transport", 404),
        ["POST /api/v1/challenges/{id:guid}/answer"] = ("hf.transport", 404),
        ["POST /api/v1/challenges/{id:guid}/complaint"] = ("zhijia", 404),
        ["POST /api/v1/complaints/{id:guid}/suspend"] = (OtherProvince, 404),
        ["POST /api/v1/complaints/{id:guid}/decision"] = (OtherProvince, 404),
        ["POST /api/v1/demands/{id:guid}/evaluation"] = ("hf.transport", 403),
        ["GET /api/v1/demands/{id:guid}/evaluation"] = ("hf.transport", 404),
        ["POST /api/v1/demands/{id:guid}/award"] = ("hf.transport", 403),
        ["POST /api/v1/demands/{id:guid}/unsuccessful"] = ("hf.transport", 403),
        ["GET /api/v1/demands/{id:guid}/matches"] = ("hf.transport", 403),
        ["GET /api/v1/enterprises/{id:guid}/recommended-demands"] = ("shuyu", 403),
        ["GET /api/v1/contracts/{id:guid}"] = ("hf.transport", 404),
        ["POST /api/v1/contracts/{id:guid}/deliveries"] = ("shuyu", 404),
        ["POST /api/v1/contracts/{id:guid}/deliveries/{deliveryId:guid}/acceptance"] = ("hf.transport", 404),
        ["POST /api/v1/contracts/{id:guid}/signature"] = ("hf.transport", 404),
        ["POST /api/v1/contracts/{id:guid}/terminate"] = ("hf.transport", 404),
        ["GET /api/v1/alerts/{id:guid}"] = (OtherProvince, 404),
        ["POST /api/v1/alerts/{id:guid}/acknowledge"] = (OtherProvince, 404),
        ["POST /api/v1/alerts/{id:guid}/resolve"] = (OtherProvince, 404),
        ["POST /api/v1/alerts/{id:guid}/dismiss"] = (OtherProvince, 404),
        ["POST /api/v1/exclusions/"] = (OtherProvince, 403),
        ["POST /api/v1/exclusions/{id:guid}/lift"] = (OtherProvince, 403),
    };

    /// <summary>Rows that address a resource by id and still have no other organization: the caller's own bid on any demand.</summary>
    private static readonly HashSet<string> NoOtherOrganization =
        ["GET /api/v1/demands/{id:guid}/bids", "PUT /api/v1/demands/{id:guid}/bids/mine", "DELETE /api/v1/demands/{id:guid}/bids/mine",
            "POST /api/v1/demands/{id:guid}/questions/", "POST /api/v1/demands/{id:guid}/bids/mine/confirm", "POST /api/v1/demands/{id:guid}/challenges/"];

    /// <summary>The client of the enterprise an arrangement created, for rows whose caller is "the enterprise itself" (__own).</summary>
    // Keyed by the arranged request body: the SQLite and PostgreSQL classes arrange at the same time.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, HttpClient> Own = new();

    public static TheoryData<string> RowNames()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows) data.Add($"{row.Method} {row.Route}");
        return data;
    }

    public static TheoryData<string> RowsWithAWrongRole()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows.Where(r => r.WrongRole is not null)) data.Add($"{row.Method} {row.Route}");
        return data;
    }

    public static TheoryData<string> RowsOfOneOrganization()
    {
        var data = new TheoryData<string>();
        foreach (var name in OtherOrganization.Keys) data.Add(name);
        return data;
    }

    private static Row Find(string name) => Rows.Single(r => $"{r.Method} {r.Route}" == name);

    private static HttpRequestMessage Request(Row row, (string Path, object? Body, string? IfMatch) arranged, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), arranged.Path);
        if (arranged.Body is not null) request.Content = JsonBody.Of(arranged.Body);
        if (arranged.IfMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(arranged.IfMatch));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task Without_a_token_the_endpoint_answers_401(string name)
    {
        var row = Find(name);
        var response = await api.CreateClient().SendAsync(Request(row, await row.Arrange(api), null));
        await response.ProblemAsync(401);
    }

    // Rows every role may call have no wrong role; ownership is checked for them instead (OtherOrganization).
    [Theory]
    [MemberData(nameof(RowsWithAWrongRole))]
    public async Task A_role_the_endpoint_is_not_for_gets_403_and_changes_nothing(string name)
    {
        var row = Find(name);
        var arranged = await row.Arrange(api);
        var auditBefore = (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();

        var response = await api.CreateClient().SendAsync(Request(row, arranged, await api.TokenAsync(row.WrongRole!)));

        await response.ProblemAsync(403);
        var auditAfter = (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();
        Assert.Equal(auditBefore, auditAfter);
    }

    /// <summary>The success status and body type the endpoint declares (its OpenAPI <c>Produces</c>).</summary>
    private (int Status, Type? Body) Declared(Row row)
    {
        var endpoint = Routes.Endpoints(api).Single(e => e.RoutePattern.RawText == row.Route
            && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Contains(row.Method));
        // The handler's return type is declared once by inference and once by Produces: the same answer.
        var success = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(p => p.StatusCode is >= 200 and < 300).ToList();
        var statuses = success.Select(p => p.StatusCode).Distinct().ToList();
        Assert.True(statuses.Count == 1, $"{row.Method} {row.Route} declares the success answers {string.Join(", ", statuses)}");
        return (statuses[0], success.Select(p => p.Type).LastOrDefault(t => t is not null && t != typeof(void)));
    }

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task The_caller_it_is_for_gets_the_declared_2xx_and_body(string name)
    {
        var row = Find(name);
        var (status, type) = Declared(row);
        var arranged = await row.Arrange(api);
        var response = row.Allowed == "__own" && Own.TryGetValue(arranged.Body!, out var own)
            ? await own.SendAsync(Request(row, arranged, own.DefaultRequestHeaders.Authorization!.Parameter))
            : await api.CreateClient().SendAsync(Request(row, arranged, await api.TokenAsync(row.Allowed)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{name} as {row.Allowed}: expected {status}, got {(int)response.StatusCode} {text}");
        if (status == 201) Assert.NotNull(response.Headers.Location);
        if (type is null) return;
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(System.Text.Json.JsonSerializer.Deserialize(text, type, RegistryApi.Json));
    }

    [Theory]
    [MemberData(nameof(RowsOfOneOrganization))]
    public async Task Another_organization_of_the_allowed_role_is_refused_and_changes_nothing(string name)
    {
        var row = Find(name);
        var (other, status) = OtherOrganization[name];
        var arranged = await row.Arrange(api);
        var token = other == OtherProvince ? await OtherProvinceRegulatorTokenAsync() : await api.TokenAsync(other);
        var auditBefore = (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();

        var response = await api.CreateClient().SendAsync(Request(row, arranged, token));

        await response.ProblemAsync(status);
        var auditAfter = (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();
        Assert.Equal(auditBefore, auditAfter);
    }

    // National callers (the operator, the national authority, the certifier) have no other organization's resource.
    [Fact]
    public void Every_row_addressing_one_resource_has_its_other_organization_check()
    {
        var national = new[] { "admin", "nda", "certifier" };
        var addressed = Rows.Where(r => r.Route.Contains("{id", StringComparison.Ordinal) && !national.Contains(r.Allowed))
            .Select(r => $"{r.Method} {r.Route}").Where(n => !NoOtherOrganization.Contains(n));

        var missing = addressed.Where(n => !OtherOrganization.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "no other-organization check: " + string.Join(", ", missing));
        var stale = OtherOrganization.Keys.Where(n => !Rows.Any(r => $"{r.Method} {r.Route}" == n)).ToList();
        Assert.True(stale.Count == 0, "not a row of the matrix: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("cd.health", "hf.transport")] // an agency reading another agency
    [InlineData("shuyu", "zhijia")]           // an enterprise reading a competitor
    [InlineData("sichuan", "hf.transport")]  // Sichuan's regulator reading an agency in Anhui
    [InlineData("sc.node", "nda")]
    public async Task Another_organizations_record_does_not_exist_for_the_caller(string caller, string other)
    {
        var client = await api.ClientAsAsync(caller);
        await (await client.GetAsync($"/api/v1/organizations/{await api.OrganizationIdAsync(other)}")).ProblemAsync(404);
    }

    [Fact]
    public async Task Sichuans_regulator_sees_Sichuan_and_not_Anhui()
    {
        var client = await api.ClientAsAsync("sichuan");
        var all = await (await client.GetAsync("/api/v1/organizations?pageSize=100")).JsonAsync();
        var regions = all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("regionCode").GetString()!).ToList();

        Assert.Contains("510100", regions); // Chengdu's agency and enterprise
        Assert.All(regions, r => Assert.StartsWith("51", r, StringComparison.Ordinal));
        Assert.Equal(0, (await (await client.GetAsync("/api/v1/organizations?region=340000")).JsonAsync()).GetProperty("total").GetInt32());
        // A requested region is narrowed to the jurisdiction: the whole country is Sichuan for Sichuan's regulator.
        Assert.Equal(all.GetProperty("total").GetInt32(),
            (await (await client.GetAsync("/api/v1/organizations?region=000000")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/organizations/{await api.OrganizationIdAsync("cd.health")}")).StatusCode);

        var national = await api.ClientAsAsync("nda");
        var everything = await (await national.GetAsync("/api/v1/organizations?region=340000")).JsonAsync();
        Assert.Equal(1, everything.GetProperty("total").GetInt32());
    }

    [Fact]
    public void The_matrix_covers_every_protected_endpoint()
    {
        var protectedRoutes = Routes.Endpoints(api)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = Rows.Select(r => $"{r.Method} {r.Route}").ToHashSet();

        Assert.True(protectedRoutes.Count >= Rows.Count, $"found only {protectedRoutes.Count} protected routes: {string.Join(", ", protectedRoutes)}");
        Assert.Empty(protectedRoutes.Except(covered));
    }
}

public sealed class RoleMatrixTests_Sqlite(SqliteApi api) : RoleMatrixTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class RoleMatrixTests_PostgreSql(PostgreSqlApi api) : RoleMatrixTests(api), IClassFixture<PostgreSqlApi>;
