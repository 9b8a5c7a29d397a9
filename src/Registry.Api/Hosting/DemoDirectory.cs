using Dapper;
using MediatR;
using Registry.Application.Bases;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Application.Organizations;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;
using Registry.Domain.Time;

namespace Registry.Api.Hosting;

/// <summary>
/// A demo directory: a few dozen fictional enterprises (marked 演示) at the seven national bases and in other provinces,
/// registered, certified, suspended, revoked, expired, superseded and rejected through the same commands people use.
/// </summary>
public static class DemoDirectory
{
    private sealed record DemoEnterprise(string NameZh, string Region, string? Base, string[] Domains, (string Modality, string TaskType)[] Capabilities);

    private static readonly (string, string)[] Vision = [("image", "bounding_box"), ("image", "segmentation"), ("video", "object_tracking")];
    private static readonly (string, string)[] Speech = [("audio", "transcription"), ("text", "entity_relation")];
    private static readonly (string, string)[] Driving = [("point_cloud", "cuboid_3d"), ("four_d", "annotation_4d"), ("image", "bounding_box")];
    private static readonly (string, string)[] Llm = [("text", "preference_ranking"), ("text", "instruction_writing"), ("text", "chain_of_thought")];
    private static readonly (string, string)[] Remote = [("image", "segmentation"), ("multimodal", "cross_modal_alignment")];

    private static readonly DemoEnterprise[] Enterprises =
    [
        new("成都天府智标科技有限公司（演示）", "510100", "chengdu", ["healthcare", "government_services"], Vision),
        new("成都蓉数标注科技有限公司（演示）", "510100", "chengdu", ["finance", "information_services"], Llm),
        new("四川方言语料科技有限公司（演示）", "510100", "chengdu", ["information_services", "education"], Speech),
        new("绵阳科创数据标注有限公司（演示）", "510700", null, ["manufacturing", "science"], Vision),
        new("沈阳工业视觉数据有限公司（演示）", "210100", "shenyang", ["manufacturing"], Vision),
        new("沈阳北方智标科技有限公司（演示）", "210100", "shenyang", ["transport", "urban_governance"], Driving),
        new("合肥语音数据技术有限公司（演示）", "340100", "hefei", ["information_services", "education"], Speech),
        new("合肥量子智标信息科技有限公司（演示）", "340100", "hefei", ["science", "energy"], Llm),
        new("安徽江淮智驾数据有限公司（演示）", "340100", "hefei", ["autonomous_driving", "transport"], Driving),
        new("长沙麓山数据科技有限公司（演示）", "430100", "changsha", ["education"], Llm),
        new("湖南星城音视频标注有限公司（演示）", "430100", "changsha", ["education", "information_services"], Speech),
        new("长沙湘江文创数据有限公司（演示）", "430100", "changsha", ["other", "education"], Vision),
        new("海南国际数据标注有限公司（演示）", "460100", "haikou", ["digital_trade", "information_services"], Llm),
        new("海口椰城遥感测绘数据有限公司（演示）", "460100", "haikou", ["science", "agriculture"], Remote),
        new("保定医影标注科技有限公司（演示）", "130600", "baoding", ["healthcare"], Vision),
        new("保定新能源数据服务有限公司（演示）", "130600", "baoding", ["energy", "manufacturing"], Vision),
        new("河北智驾评测数据有限公司（演示）", "130600", "baoding", ["autonomous_driving"], Driving),
        new("大同云算标注科技有限公司（演示）", "140200", "datong", ["information_services"], Llm),
        new("大同京津冀数据服务有限公司（演示）", "140200", "datong", ["government_services", "urban_governance"], Vision),
        new("北京海淀智标科技有限公司（演示）", "110100", null, ["finance", "information_services"], Llm),
        new("上海浦江数据标注有限公司（演示）", "310100", null, ["finance", "digital_trade"], Llm),
        new("深圳鹏城智能数据有限公司（演示）", "440300", null, ["manufacturing", "low_altitude_economy"], Driving),
        new("杭州西湖多模态数据有限公司（演示）", "330100", null, ["digital_trade", "information_services"], Remote),
        new("武汉光谷点云科技有限公司（演示）", "420100", null, ["autonomous_driving", "urban_governance"], Driving),
        new("西安长安数据标注有限公司（演示）", "610100", null, ["science", "education"], Vision),
        new("贵阳大数据标注服务有限公司（演示）", "520100", null, ["government_services", "rural_revitalization"], Vision),
        new("重庆两江智标科技有限公司（演示）", "500100", null, ["transport", "manufacturing"], Driving),
        new("南京紫金数据标注有限公司（演示）", "320100", null, ["healthcare", "science"], Llm),
        new("广州天河智能标注有限公司（演示）", "440100", null, ["human_resources", "finance"], Speech),
        new("济南泉城数据科技有限公司（演示）", "370100", null, ["agriculture", "rural_revitalization"], Remote),
    ];

    /// <summary>What happens to each enterprise's certification, in turn: every certificate state appears.</summary>
    private enum Story { Active, ActiveLeading, Suspended, Revoked, Expired, ExpiringSoon, Superseded, Rejected, UnderReview }

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var certifier = await OrganizationAsync(services, "certifier");
        var nda = await OrganizationAsync(services, "nda");
        var bases = (await SendAsync(services, null, new SearchBases(null, null, 1, 100))).Items.ToDictionary(b => b.Code, b => b.Id);
        for (var i = 0; i < Enterprises.Length; i++)
        {
            var e = Enterprises[i];
            var story = (Story)(i % 9);
            var code = UnifiedSocialCreditCode.Create("91" + e.Region + "MA" + (1000000 + i * 7919).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var org = await SendAsync(services, null, new CreateOrganization(e.NameZh, null, Roles.Enterprise, e.Region, code, null));
            var me = (Roles.Enterprise, org.Id, e.Region);
            var scale = 1 + i % 5;
            var talent = new Dictionary<string, int>
            {
                ["level_5"] = 30 * scale, ["level_4"] = 25 * scale, ["level_3"] = 12 * scale * scale, ["level_2"] = 2 * scale * scale, ["level_1"] = scale,
            };
            var staff = talent.Values.Sum() + 50 * scale * scale;
            await SendAsync(services, me, new RegisterEnterprise(e.NameZh, code, e.Region, $"科技园区{i + 1}号楼", new DateOnly(2015 + i % 9, 1 + i % 12, 1 + i % 27),
                new EnterpriseContact("联系人" + (i + 1), "400-800-" + (1000 + i), $"contact{i + 1}@demo.example.cn"),
                e.Base is null ? null : bases[e.Base], e.Capabilities.Select(c => new Capability(c.Modality, c.TaskType)).ToList(), e.Domains, talent, staff,
                new EnterpriseSecurity(scale >= 3 ? 3 : 2, scale >= 2, scale >= 4), ["Label Studio", "CVAT", "自研标注平台"]));
            var grade = Math.Min(scale, 5);
            var applied = await SendAsync(services, me, new ApplyForCertification(grade, [new EvidenceDocument("营业执照.pdf", new string((char)('a' + i % 6), 64), 204800)]));
            if (story == Story.UnderReview)
            {
                await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new TakeApplicationUnderReview(applied.Id));
                continue;
            }
            await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new TakeApplicationUnderReview(applied.Id));
            if (story == Story.Rejected)
            {
                await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new RejectApplication(applied.Id, "证明材料与申报人员规模不符（演示）"));
                continue;
            }
            var approved = await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new ApproveApplication(applied.Id));
            var regulator = (Roles.Regulator, nda.Id, nda.RegionCode);
            switch (story)
            {
                case Story.ActiveLeading:
                    await SendAsync(services, regulator, new GrantDesignation(org.Id, i % 2 == 0 ? "leading" : "gazelle", new DateOnly(2026, 6, 1), "年度评选（演示）"));
                    await SendAsync(services, regulator, new GrantDesignation(org.Id, "sti", new DateOnly(2026, 6, 1), "科技创新型企业认定（演示）"));
                    break;
                case Story.Suspended:
                    await SendAsync(services, regulator, new ChangeCertificateStatus(approved.CertificateId!.Value,
                        (await SendAsync(services, null, new GetCertificate(approved.CertificateId.Value))).Version, CertificateAction.Suspend, "交付质量抽检不合格，限期整改（演示）"));
                    break;
                case Story.Revoked:
                    await SendAsync(services, regulator, new ChangeCertificateStatus(approved.CertificateId!.Value,
                        (await SendAsync(services, null, new GetCertificate(approved.CertificateId.Value))).Version, CertificateAction.Revoke, "提供虚假材料（演示）"));
                    break;
                case Story.Expired or Story.ExpiringSoon:
                    await BackdateAsync(services, approved.CertificateId!.Value, story == Story.Expired ? 3 * 365 + 30 : 3 * 365 - 40);
                    break;
                case Story.Superseded:
                    var again = await SendAsync(services, me, new ApplyForCertification(grade, [new EvidenceDocument("年度复审材料.pdf", new string('f', 64), 102400)]));
                    await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new TakeApplicationUnderReview(again.Id));
                    await SendAsync(services, (Roles.Certifier, certifier.Id, certifier.RegionCode), new ApproveApplication(again.Id));
                    if (i % 2 == 1) await SendAsync(services, regulator, new GrantDesignation(org.Id, "unicorn", new DateOnly(2026, 3, 1), "估值超过十亿美元（演示）"));
                    break;
            }
        }
        var expiry = await SendAsync(services, null, new RunCertificateExpiry());
        foreach (var identity in Identities) await SeedIdentityAsync(services, identity, bases, certifier);
        logger.LogInformation("Demo directory: {Count} enterprises and the {Identities} demo enterprise identities, certified; {Expired} certificates expired, {Alerts} expiry alerts raised.",
            Enterprises.Length, Identities.Length, expiry.Expired, expiry.AlertsRaised);
    }

    /// <summary>
    /// A demo enterprise identity that has a person and an API client (<see cref="DemoData"/>), with the profile and certificate a
    /// newcomer signing in as it needs to bid at once; its talent stays below the directory's largest enterprises, so the demo
    /// bidders (chosen by capacity) stay the directory's.
    /// </summary>
    private sealed record DemoIdentity(string Username, string? Base, string[] Domains, (string Modality, string TaskType)[] Capabilities,
        Dictionary<string, int> Talent, int Staff, EnterpriseSecurity Security, int Grade);

    private static readonly DemoIdentity[] Identities =
    [
        // Sichuan-dialect speech and medical text: grade 3, cleared for important data.
        new("shuyu", "chengdu", ["healthcare", "government_services", "information_services"],
            [("audio", "transcription"), ("text", "entity_relation"), ("text", "classification"), ("text", "instruction_writing"), ("text", "preference_ranking")],
            new() { ["level_5"] = 30, ["level_4"] = 20, ["level_3"] = 12, ["level_2"] = 3 }, 120, new EnterpriseSecurity(3, true, false), 3),
        // Autonomous driving images, video and point clouds: grade 2 (no ISO/IEC 27001 yet) though cleared for important data, so
        // the grade-3 point-cloud demand of Hefei's transport bureau is missed by exactly one rule.
        new("zhijia", "baoding", ["autonomous_driving", "transport"],
            [("image", "bounding_box"), ("image", "segmentation"), ("video", "object_tracking"), ("point_cloud", "cuboid_3d"), ("four_d", "annotation_4d")],
            new() { ["level_5"] = 30, ["level_4"] = 20, ["level_3"] = 6, ["level_2"] = 1 }, 90, new EnterpriseSecurity(3, false, false), 2),
        // Remote-sensing images: grade 4, with a secure labeling facility.
        new("xingtu", "haikou", ["science", "agriculture", "urban_governance"],
            [("image", "segmentation"), ("image", "bounding_box"), ("image", "classification"), ("multimodal", "cross_modal_alignment")],
            new() { ["level_5"] = 90, ["level_4"] = 80, ["level_3"] = 40, ["level_2"] = 8, ["level_1"] = 2 }, 320, new EnterpriseSecurity(3, true, true), 4),
    ];

    private static async Task SeedIdentityAsync(IServiceProvider services, DemoIdentity identity, Dictionary<string, Guid> bases, OrganizationView certifier)
    {
        var org = await OrganizationAsync(services, identity.Username);
        var me = (Roles.Enterprise, org.Id, org.RegionCode);
        var asCertifier = (Roles.Certifier, certifier.Id, certifier.RegionCode);
        await SendAsync(services, me, new RegisterEnterprise(org.NameZh, org.CreditCode, org.RegionCode, "数据标注产业园1号楼", new DateOnly(2019, 5, 20),
            new EnterpriseContact("演示联系人", "400-800-2026", $"{identity.Username}@demo.example.cn"), identity.Base is null ? null : bases[identity.Base],
            identity.Capabilities.Select(c => new Capability(c.Modality, c.TaskType)).ToList(), identity.Domains, identity.Talent, identity.Staff,
            identity.Security, ["Label Studio", "自研标注平台"]));
        var applied = await SendAsync(services, me, new ApplyForCertification(identity.Grade,
            [new EvidenceDocument("营业执照及人员资质.pdf", new string('e', 64), 307200)]));
        await SendAsync(services, asCertifier, new TakeApplicationUnderReview(applied.Id));
        await SendAsync(services, asCertifier, new ApproveApplication(applied.Id));
    }

    // Historical certificates: the demo has no past, so issue dates are moved back by hand (demo data only).
    private static async Task BackdateAsync(IServiceProvider services, Guid certificateId, int daysAgo)
    {
        var connections = services.GetRequiredService<IConnectionFactory>();
        await using var connection = await connections.OpenPrimaryAsync(CancellationToken.None);
        var issuedOn = ChinaTime.Today(TimeProvider.System).AddDays(-daysAgo);
        await connection.ExecuteAsync(BackdateSql.For(connections.Dialect), SqlParameters.Of(new
        {
            id = certificateId, issuedOn, expiresOn = Domain.Enterprises.CertificateTerms.ExpiresOn(issuedOn),
        }));
    }

    private static readonly Sql BackdateSql = new("update certificates set issued_on = @issuedOn, expires_on = @expiresOn where id = @id");

    private static async Task<OrganizationView> OrganizationAsync(IServiceProvider services, string demoUsername)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == demoUsername);
        var page = await SendAsync(services, null, new ListOrganizations(demo.Kind, null, demo.NameZh, 1, 1));
        return page.Items.Single();
    }

    private static Task<T> SendAsync<T>(IServiceProvider services, (string Role, Guid Id, string Region)? actor, IRequest<T> request) =>
        CallerScope.SendAsync(services, actor, request);
}
