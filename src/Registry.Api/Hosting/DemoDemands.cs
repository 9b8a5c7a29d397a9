using System.Security.Cryptography;
using System.Text;
using Dapper;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Contracts;
using Registry.Application.Demands;
using Registry.Application.Enterprises;
using Registry.Application.Organizations;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Actor = (string Role, System.Guid Id, string Region);
using Registry.Domain.Time;

namespace Registry.Api.Hosting;

/// <summary>
/// Demo labeling demands of the two demo agencies, with sealed bids from demo enterprises that are eligible for them, in
/// every state from draft to completed: the closed ones are evaluated (lowest price or comprehensive) and awarded — once
/// to the second-ranked bid, with a reason — and, but for the one still in its result's publicity period, their contracts
/// signed and delivered, some late, some rejected once and delivered
/// again, and accepted, so several enterprises have a quality record that later evaluations weigh. Open demands invite demo
/// enterprise identities to bid, and one needs a grade that 智驾 lacks, so it has gap advice. All through the
/// commands people use; only the clock is helped along by hand.
/// </summary>
public static class DemoDemands
{
    /// <summary>
    /// One demand and how far it goes. <paramref name="AwardRank"/> is the rank of the bid awarded; <paramref name="Late"/>
    /// delivers after the due date; <paramref name="RejectedOnce"/> has the first delivery rejected and delivered again;
    /// <paramref name="Accepted"/> is the accuracy measured on the accepted delivery. <paramref name="Invite"/> names the demo
    /// enterprise identities (<see cref="DemoData"/>) the agency invites to bid.
    /// </summary>
    private sealed record Plan(string Agency, string Title, string Domain, string Modality, string TaskType, decimal Budget, int Bids,
        int MinimumBids, string Outcome, EvaluationMethod? Method = null, int AwardRank = 1, bool Late = false, bool RejectedOnce = false,
        decimal Accepted = 0.97m, int Grade = 1, string Security = DataSecurityLevels.General, string[]? Invite = null);

    private static readonly EvaluationMethod Comprehensive = new(EvaluationMethod.Comprehensive, 50, 30, 20);

    // Ordered so that enterprises complete contracts before later comprehensive evaluations weigh their quality records.
    private static readonly Plan[] Plans =
    [
        new("cd.health", "成都市医学影像病灶拉框标注", "healthcare", "image", "bounding_box", 380000m, 3, 1, DemandStatus.Open),
        new("hf.transport", "合肥市路口车辆拉框标注", "transport", "image", "bounding_box", 260000m, 2, 1, DemandStatus.Open,
            Invite: ["zhijia", "xingtu"]),
        // Important data needing grade 3: 智驾 (grade 2) misses it by exactly one rule, so it has gap advice.
        new("hf.transport", "合肥市智能网联汽车路测点云三维框标注（重要数据）", "autonomous_driving", "point_cloud", "cuboid_3d", 520000m, 1, 1,
            DemandStatus.Open, Grade: 3, Security: DataSecurityLevels.Important),
        new("cd.health", "成都市方言问诊语音转写（草稿）", "healthcare", "audio", "transcription", 150000m, 0, 1, DemandStatus.Draft),
        new("cd.health", "成都市街景图像语义分割标注", "urban_governance", "image", "segmentation", 420000m, 2, 1, DemandStatus.Evaluating),
        new("hf.transport", "合肥市公交车厢视频目标跟踪标注", "transport", "video", "object_tracking", 300000m, 1, 3, DemandStatus.Unsuccessful),
        new("cd.health", "成都市电子病历实体关系标注", "healthcare", "text", "entity_relation", 200000m, 0, 1, DemandStatus.Cancelled),
        new("cd.health", "成都市胸部CT影像结节拉框标注", "healthcare", "image", "bounding_box", 350000m, 3, 1, DemandStatus.Completed, Accepted: 0.975m),
        new("hf.transport", "合肥市12328交通热线录音转写", "transport", "audio", "transcription", 180000m, 2, 1, DemandStatus.Completed,
            RejectedOnce: true, Accepted: 0.962m),
        new("hf.transport", "合肥市智能网联测试道路点云三维框标注", "transport", "point_cloud", "cuboid_3d", 480000m, 2, 1, DemandStatus.Completed,
            Late: true, Accepted: 0.968m),
        new("cd.health", "成都市基层医疗大模型指令编写", "healthcare", "text", "instruction_writing", 260000m, 2, 1, DemandStatus.Completed,
            Comprehensive, Accepted: 0.981m),
        new("cd.health", "成都市腹部CT影像器官分割标注", "healthcare", "image", "segmentation", 400000m, 3, 1, DemandStatus.Completed, Comprehensive,
            Late: true, RejectedOnce: true, Accepted: 0.956m),
        new("cd.health", "成都市医患问诊文本实体关系标注", "healthcare", "text", "entity_relation", 220000m, 3, 1, DemandStatus.InDelivery,
            Comprehensive, AwardRank: 2),
        new("hf.transport", "合肥市地铁站客流视频目标跟踪标注", "transport", "video", "object_tracking", 320000m, 3, 1, DemandStatus.InDelivery,
            Comprehensive, Late: true),
        new("hf.transport", "合肥市交通政务问答大模型偏好排序标注", "transport", "text", "preference_ranking", 160000m, 1, 1, DemandStatus.Awarded),
    ];

    private const string NotTopRankedReason =
        "综合排名第一的投标人拟派团队缺少医学专业背景的标注人员，难以满足问诊文本中医学术语的标注要求；经采购评审小组集体研究并报委领导同意，授予综合排名第二的投标人。（演示）";

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var (demands, contracts, deliveries) = (0, 0, 0);
        foreach (var plan in Plans)
        {
            var org = (await SendAsync(services, null, new ListOrganizations(Roles.Agency, null,
                DemoData.Organizations.Single(o => o.Username == plan.Agency).NameZh, 1, 1))).Items.Single();
            Actor agency = (Roles.Agency, org.Id, org.RegionCode);
            var now = clock.GetUtcNow();
            var demand = await SendAsync(services, agency, new CreateDemand(plan.Title, plan.Title + "：政府公共数据标注任务（演示）",
                "按照标注规范逐条标注；每批次交付前双人交叉复核，抽检合格率不低于要求的最低准确率。", ["标注完整、边界贴合目标"], ["漏标、错标或边界偏移"],
                plan.Domain, plan.Modality, [plan.TaskType], 100000m, plan.Modality == "audio" ? "audio_hours" : "items", 0.95m, plan.Budget, plan.Grade,
                plan.Security, org.RegionCode, null, null, plan.Method ?? EvaluationMethod.Lowest, now.AddDays(10),
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(60)), plan.MinimumBids));
            demands++;
            if (plan.Outcome == DemandStatus.Draft) continue;
            var published = await SendAsync(services, agency, new PublishDemand(demand.Id, demand.RowVersion));
            if (plan.Outcome == DemandStatus.Cancelled)
            {
                await SendAsync(services, agency, new CancelDemand(demand.Id, published.RowVersion, "预算调整，择期重新发布（演示）"));
                continue;
            }
            if (plan.Agency == "hf.transport" && plan.Outcome == DemandStatus.Open)
                await SendAsync(services, agency, new PublishClarification(demand.Id, "夜间图像是否需要标注？", "需要，夜间图像约占20%，标注规范相同。"));

            if (plan.Invite is { } invited)
            {
                var invitees = new List<Guid>();
                foreach (var username in invited) invitees.Add(await IdentityAsync(services, username));
                await SendAsync(services, agency, new InviteEnterprises(demand.Id, invitees, "贵单位的能力与本项目需求相符，欢迎按公告要求参与投标。（演示）"));
            }
            var bidders = await BidAsync(services, plan, demand.Id, now);
            if (plan.Outcome == DemandStatus.Open) continue;
            await AdjustAsync(services, PastDeadlineSql, new { id = demand.Id, deadline = now.AddMinutes(-5) });
            await SendAsync(services, null, new CloseDueDemands());
            if (plan.Outcome is DemandStatus.Evaluating or DemandStatus.Unsuccessful) continue;

            var contract = await AwardAsync(services, agency, plan, demand.Id);
            contracts++;
            // An awarded demo demand stays in its publicity period; the others' results were published long enough ago to be signed.
            if (plan.Outcome == DemandStatus.Awarded) continue;
            var publicity = services.GetRequiredService<Registry.Application.Demands.BiddingOptions>().PublicityPeriod;
            await AdjustAsync(services, PastPublicitySql, new { id = contract.Id, awardedAt = now - publicity - TimeSpan.FromMinutes(1) });
            contract = await SendAsync(services, agency, new SignContract(contract.Id, contract.RowVersion));
            var winner = bidders.Single(b => b.Id == contract.EnterpriseId);
            Actor enterprise = (Roles.Enterprise, winner.Id, winner.RegionCode);
            if (plan.Late) await AdjustAsync(services, PastDueSql, new { id = contract.Id, due = ChinaTime.Today(clock).AddDays(-10) });
            contract = await DeliverAsync(services, enterprise, contract);
            if (plan.RejectedOnce) contract = await DeliverAsync(services, enterprise, await DecideAsync(services, agency, contract, 0.91m));
            if (plan.Outcome == DemandStatus.Completed) contract = await DecideAsync(services, agency, contract, plan.Accepted);
            deliveries += contract.Deliveries!.Count;
        }
        logger.LogInformation("Demo demands: {Count} demands with sealed bids; {Contracts} contracts awarded, with {Deliveries} deliveries.",
            demands, contracts, deliveries);
    }

    /// <summary>The most capable eligible enterprises bid, each a little dearer, more accurate and later than the one before.</summary>
    private static async Task<IReadOnlyList<EnterpriseSummary>> BidAsync(IServiceProvider services, Plan plan, Guid demandId, DateTimeOffset now)
    {
        var bidders = (await SendAsync(services, null, new SearchEnterprises(null, null, null, [plan.Modality], [plan.TaskType], null, plan.Grade, "active",
            null, plan.Security == DataSecurityLevels.Important ? DataSecurityLevels.Important : null, "capacity", 1, 20))).Items.Take(plan.Bids).ToList();
        for (var i = 0; i < bidders.Count; i++)
        {
            var bidder = bidders[i];
            await SendAsync(services, (Roles.Enterprise, bidder.Id, bidder.RegionCode), new SubmitBid(demandId,
                Math.Round(plan.Budget * (0.78m + 0.06m * i), 2), DateOnly.FromDateTime(now.UtcDateTime.AddDays(45 + i)), 0.96m + 0.01m * i,
                15 + 5 * i, $"{bidder.LegalName}：分批交付，双人复核，抽检率10%（演示）"));
        }
        return bidders;
    }

    /// <summary>The agency evaluates the bids and awards the bid of the plan's rank, giving a reason when it is not the first.</summary>
    private static async Task<ContractView> AwardAsync(IServiceProvider services, Actor agency, Plan plan, Guid demandId)
    {
        var evaluation = await SendAsync(services, agency, new EvaluateDemand(demandId));
        var chosen = evaluation.Bids.Single(b => b.Rank == plan.AwardRank);
        var demand = await SendAsync(services, agency, new GetDemand(demandId));
        return await SendAsync(services, agency, new AwardDemand(demandId, demand.RowVersion, chosen.BidId, plan.AwardRank == 1 ? null : NotTopRankedReason));
    }

    /// <summary>The contracted enterprise delivers the whole volume with the SHA-256 hash of a manifest.</summary>
    private static Task<ContractView> DeliverAsync(IServiceProvider services, Actor enterprise, ContractView contract)
    {
        var attempt = contract.Deliveries!.Count + 1;
        var manifest = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{contract.Number} 第{attempt}次交付清单：标注结果 {contract.Volume:0} {contract.VolumeUnit}，双人复核记录，质检报告（演示）");
        return SendAsync(services, enterprise, new RecordDelivery(contract.Id, contract.RowVersion,
            attempt == 1 ? "全部标注结果、双人复核记录及质检报告（演示）" : "按验收意见返工后重新交付的全部标注结果及质检报告（演示）", contract.Volume,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)))));
    }

    /// <summary>The agency decides the delivery awaiting acceptance from a sample of 500 items.</summary>
    private static Task<ContractView> DecideAsync(IServiceProvider services, Actor agency, ContractView contract, decimal measuredAccuracy)
    {
        var delivery = contract.Deliveries!.Single(d => d.Status == DeliveryStatus.Submitted);
        return SendAsync(services, agency, new DecideDelivery(contract.Id, contract.RowVersion, delivery.Id, 500, measuredAccuracy,
            measuredAccuracy >= contract.MinimumAccuracy ? "抽检500条，准确率达到合同要求，同意验收。（演示）" : "抽检发现漏标和边界偏移较多，请按规范返工后重新交付。（演示）"));
    }

    // The demo has no past: deadlines just gone by (after the bids were made) and overdue contracts are set by hand (demo data only).
    private static async Task AdjustAsync(IServiceProvider services, Sql sql, object parameters)
    {
        var connections = services.GetRequiredService<IConnectionFactory>();
        await using var connection = await connections.OpenPrimaryAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql.For(connections.Dialect), SqlParameters.Of(parameters));
    }

    private static readonly Sql PastDeadlineSql = new("update demands set bid_deadline = @deadline where id = @id");
    private static readonly Sql PastDueSql = new("update contracts set due_date = @due where id = @id");

    private static readonly Sql PastPublicitySql = new("update contracts set awarded_at = @awardedAt where id = @id");

    private static async Task<Guid> IdentityAsync(IServiceProvider services, string username) =>
        (await SendAsync(services, null, new ListOrganizations(Roles.Enterprise, null, DemoData.Organizations.Single(o => o.Username == username).NameZh, 1, 1)))
        .Items.Single().Id;

    private static Task<T> SendAsync<T>(IServiceProvider services, Actor? actor, IRequest<T> request) => CallerScope.SendAsync(services, actor, request);
}
