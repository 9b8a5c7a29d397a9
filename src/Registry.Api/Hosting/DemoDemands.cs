using Dapper;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Application.Enterprises;
using Registry.Application.Organizations;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Api.Hosting;

/// <summary>
/// Demo labeling demands of the two demo agencies, in draft, open, evaluating, cancelled and unsuccessful states, with
/// sealed bids from demo enterprises that are eligible for them — all through the commands people use.
/// </summary>
public static class DemoDemands
{
    private sealed record Plan(string Agency, string Title, string Domain, string Modality, string TaskType, decimal Budget, int Bids,
        int MinimumBids, string Outcome);

    private static readonly Plan[] Plans =
    [
        new("cd.health", "成都市医学影像病灶拉框标注", "healthcare", "image", "bounding_box", 380000m, 3, 1, DemandStatus.Open),
        new("hf.transport", "合肥市路口车辆拉框标注", "transport", "image", "bounding_box", 260000m, 2, 1, DemandStatus.Open),
        new("cd.health", "成都市方言问诊语音转写（草稿）", "healthcare", "audio", "transcription", 150000m, 0, 1, DemandStatus.Draft),
        new("cd.health", "成都市街景图像语义分割标注", "urban_governance", "image", "segmentation", 420000m, 2, 1, DemandStatus.Evaluating),
        new("hf.transport", "合肥市公交车厢视频目标跟踪标注", "transport", "video", "object_tracking", 300000m, 1, 3, DemandStatus.Unsuccessful),
        new("cd.health", "成都市电子病历实体关系标注", "healthcare", "text", "entity_relation", 200000m, 0, 1, DemandStatus.Cancelled),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var count = 0;
        foreach (var plan in Plans)
        {
            var agency = (await SendAsync(services, null, new ListOrganizations(Roles.Agency, null,
                DemoData.Organizations.Single(o => o.Username == plan.Agency).NameZh, 1, 1))).Items.Single();
            var actor = (Roles.Agency, agency.Id, agency.RegionCode);
            var now = clock.GetUtcNow();
            var demand = await SendAsync(services, actor, new CreateDemand(plan.Title, plan.Title + "：政府公共数据标注任务（演示）",
                "按照标注规范逐条标注；每批次交付前双人交叉复核，抽检合格率不低于要求的最低准确率。", ["标注完整、边界贴合目标"], ["漏标、错标或边界偏移"],
                plan.Domain, plan.Modality, [plan.TaskType], 100000m, plan.Modality == "audio" ? "audio_hours" : "items", 0.95m, plan.Budget, 1,
                "general", agency.RegionCode, null, null, EvaluationMethod.Lowest, now.AddDays(10), DateOnly.FromDateTime(now.UtcDateTime.AddDays(60)),
                plan.MinimumBids));
            count++;
            if (plan.Outcome == DemandStatus.Draft) continue;
            await SendAsync(services, actor, new PublishDemand(demand.Id));
            if (plan.Outcome == DemandStatus.Cancelled)
            {
                await SendAsync(services, actor, new CancelDemand(demand.Id, "预算调整，择期重新发布（演示）"));
                continue;
            }
            if (plan.Agency == "hf.transport" && plan.Outcome == DemandStatus.Open)
                await SendAsync(services, actor, new PublishClarification(demand.Id, "夜间图像是否需要标注？", "需要，夜间图像约占20%，标注规范相同。"));

            var bidders = (await SendAsync(services, null, new SearchEnterprises(null, null, null, plan.Modality, plan.TaskType, null, 1, "active",
                null, null, "capacity", 1, 20))).Items.Take(plan.Bids).ToList();
            for (var i = 0; i < bidders.Count; i++)
            {
                var bidder = bidders[i];
                await SendAsync(services, (Roles.Enterprise, bidder.Id, bidder.RegionCode), new SubmitBid(demand.Id,
                    Math.Round(plan.Budget * (0.78m + 0.06m * i), 2), DateOnly.FromDateTime(now.UtcDateTime.AddDays(45 + i)), 0.96m + 0.01m * i,
                    15 + 5 * i, $"{bidder.LegalName}：分批交付，双人复核，抽检率10%（演示）"));
            }
            if (plan.Outcome is DemandStatus.Evaluating or DemandStatus.Unsuccessful)
            {
                await PastDeadlineAsync(services, demand.Id, now.AddMinutes(-5));
                await SendAsync(services, null, new CloseDueDemands());
            }
        }
        logger.LogInformation("Demo demands: {Count} demands with sealed bids.", count);
    }

    // The demo has no past: its closed demands get a deadline just gone by, after their bids were made (demo data only).
    private static async Task PastDeadlineAsync(IServiceProvider services, Guid demandId, DateTimeOffset deadline)
    {
        var connections = services.GetRequiredService<IConnectionFactory>();
        await using var connection = await connections.OpenPrimaryAsync(CancellationToken.None);
        await connection.ExecuteAsync(PastDeadlineSql.For(connections.Dialect), SqlParameters.Of(new { id = demandId, deadline }));
    }

    private static readonly Sql PastDeadlineSql = new("update demands set bid_deadline = @deadline where id = @id");

    private static Task<T> SendAsync<T>(IServiceProvider services, (string Role, Guid Id, string Region)? actor, IRequest<T> request) =>
        CallerScope.SendAsync(services, actor, request);
}
