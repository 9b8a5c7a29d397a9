using MediatR;
using Registry.Application.Access;
using Registry.Application.Organizations;
using Registry.Application.Users;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;

namespace Registry.Api.Hosting;

/// <summary>
/// Demo organizations with one person and one API client each, created through the same commands an operator uses.
/// Only for Development and the <c>seed-demo</c> verb; the secrets are public and printed.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo2026registry";
    private const string InitialPassword = "Initial2026pass";

    /// <summary>A demo organization: its person's username is also the suffix of its client id and secret.</summary>
    public sealed record DemoOrganization(string Username, string NameZh, string NameEn, string Kind, string Region, string CreditCode17)
    {
        public string ClientId => "demo-" + Username.Replace('.', '-');
        public string ClientSecret => "demo-secret-" + Username.Replace('.', '-');
    }

    public static readonly IReadOnlyList<DemoOrganization> Organizations =
    [
        new("admin", "全国数据标注公共服务平台运营中心", "Registry Operations Centre", Roles.Admin, "000000", "12100000MB1A00001"),
        new("nda", "国家数据局", "National Data Administration", Roles.Regulator, "000000", "11100000MB1A00002"),
        new("sichuan", "四川省数据局", "Sichuan Provincial Data Bureau", Roles.Regulator, "510000", "11510000MB1A00003"),
        new("certifier", "国家数据标注认证中心（演示）", "National Data Labeling Certification Centre (demo)", Roles.Certifier, "000000", "12100000MB1A00004"),
        new("cd.health", "成都市卫生健康委员会", "Chengdu Municipal Health Commission", Roles.Agency, "510100", "11510100MB1A00005"),
        new("hf.transport", "合肥市交通运输局", "Hefei Municipal Transport Bureau", Roles.Agency, "340100", "11340100MB1A00006"),
        new("shuyu", "成都蜀语智标数据科技有限公司（演示）", "Chengdu Shuyu Labeling Technology Co., Ltd. (demo)", Roles.Enterprise, "510100", "91510100MA6C00007"),
        new("zhijia", "保定智驾数据服务有限公司（演示）", "Baoding Zhijia Data Services Co., Ltd. (demo)", Roles.Enterprise, "130600", "91130600MA0F00008"),
        new("xingtu", "海口星图遥感数据有限公司（演示）", "Haikou Xingtu Remote Sensing Data Co., Ltd. (demo)", Roles.Enterprise, "460100", "91460100MA5T00009"),
        new("sc.node", "四川省数据标注公共服务平台", "Sichuan regional node", Roles.Node, "510000", "12510000MB1A0000A"),
    ];

    /// <summary>The client the API reference's Authorize button offers in Development: the demo agency, which drafts and awards demands.</summary>
    public static DemoOrganization ScalarClient => Organizations.Single(o => o.Username == "cd.health");

    /// <summary>
    /// Seeds the demo organizations unless some organization exists; returns whether it seeded. The demo directory of
    /// enterprises comes too unless <paramref name="withDirectory"/> is false (tests arrange their own).
    /// </summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, ILogger logger, bool withDirectory = true)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().ActAsSystem();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var existing = await mediator.Send(new ListOrganizations(null, null, null, 1, 1));
        if (existing.Total > 0)
        {
            logger.LogInformation("Demo data: organizations exist already; nothing seeded.");
            return false;
        }
        // A first start spends most of its time here: each step says how far it got, so a quiet console does not look stuck.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        logger.LogInformation("Demo data: first start on an empty database, seeding organizations{Rest}...",
            withDirectory ? ", the directory, the catalog and the demands" : "");
        foreach (var demo in Organizations)
        {
            var org = await SendAsync(services, new CreateOrganization(demo.NameZh, demo.NameEn, demo.Kind, demo.Region,
                UnifiedSocialCreditCode.Create(demo.CreditCode17), null));
            await SendAsync(services, new CreateUser(org.Id, demo.Username, demo.NameZh, InitialPassword));
            await SendAsync(services, new ChangePassword(demo.Username, InitialPassword, Password, null));
            await SendAsync(services, new SeedDemoClient(demo.ClientId, demo.ClientSecret, org.Id, demo.NameEn));
        }
        logger.LogInformation("Demo data: {Count} organizations, each with one person (password {Password}) and one API client ({Seconds:0.0} s).",
            Organizations.Count, Password, Elapsed(started));
        if (withDirectory)
        {
            await DemoDirectory.SeedAsync(services, logger);
            logger.LogInformation("Demo data: directory seeded ({Seconds:0.0} s).", Elapsed(started));
            await DemoCatalog.SeedAsync(services, logger);
            logger.LogInformation("Demo data: catalog seeded ({Seconds:0.0} s).", Elapsed(started));
            await DemoDemands.SeedAsync(services, logger);
            logger.LogInformation("Demo data: demands seeded; demo data complete in {Seconds:0.0} s.", Elapsed(started));
        }
        return true;
    }

    private static double Elapsed(long started) => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

    // Each command in its own scope, as each HTTP request has.
    private static Task<T> SendAsync<T>(IServiceProvider services, IRequest<T> command) => CallerScope.SendAsync(services, null, command);

    public static void PrintWelcome(string url)
    {
        Console.WriteLine($"""

            Registry demo — {url}
              API reference  {url}/docs        health {url}/health/ready        bases {url}/api/v1/bases
              People sign in at {url}/account/signin with password {Password}: {string.Join(", ", Organizations.Select(o => o.Username))}
              API clients (client id / secret):
            {string.Join("\n", Organizations.Select(o => $"    {o.Kind,-10} {o.ClientId,-22} {o.ClientSecret}   {o.NameZh}"))}
              Get a token:
                curl -s {url}/connect/token -d grant_type=client_credentials -d client_id=demo-nda -d client_secret=demo-secret-nda -d scope=registry.api
              See docs/access.md.

            """);
    }
}
