using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Tests.Catalog;

/// <summary>
/// A judged set of Chinese queries over the demo catalog, with 2,000 generated entries from the same vocabulary as distractors:
/// for each query, the demo entries that must be among the first ten results of <c>sort=relevance</c>. Some queries only find
/// their entry through a synonym of <c>search-synonyms.txt</c>. The test command prints recall@10; the test fails below the
/// floor the engine reached when the set was judged, so a change that makes search worse is caught.
/// </summary>
public abstract class RelevanceSetTests(RegistryApi api) : IAsyncLifetime
{
    /// <summary>Query → titles of the demo entries that must be in the first ten.</summary>
    public static readonly (string Query, string[] MustAppear)[] Judged =
    [
        ("乐山 肺结节", ["乐山市胸部CT影像肺结节标注数据集"]),
        ("三亚 耕地 遥感", ["三亚市耕地保护遥感图斑标注数据集"]),
        ("长治 煤矿 安全行为", ["长治市煤矿井下安全行为视频标注数据集"]),
        ("芜湖 显微图像", ["芜湖市科研仪器显微图像分割数据集"]),
        ("乐山 科普问答", ["乐山市医学科普问答指令数据集"]),
        ("长治 变电站 点云", ["长治市变电站设备点云标注数据集"]),
        ("广州 政务大厅 语音转写", ["广州市政务大厅咨询语音转写数据集"]),
        ("衡阳 解题 思维链", ["衡阳市学科解题思维链数据集"]),
        ("衡阳 实训操作", ["衡阳市职业院校实训操作视频标注数据集"]),
        ("石家庄 眼底 糖尿病", ["石家庄市眼底彩照糖尿病视网膜病变分级数据集"]),
        ("宁波 翻译质量", ["宁波市多语种商品描述翻译质量标注数据集"]),
        ("唐山 腔镜手术 器械", ["唐山市腔镜手术视频器械跟踪标注数据集"]),
        ("鞍山 运维工单", ["鞍山市工业设备运维工单文本标注数据集"]),
        ("芜湖 内涝积水", ["芜湖市城市内涝积水监测图像标注数据集"]),
        ("广州 进出口 归类", ["广州市进出口商品归类标注数据集"]),
        ("太原 光伏 热斑", ["太原市光伏组件红外热斑图像标注数据集"]),
        ("宜宾 科普", ["宜宾市医学科普问答指令数据集"]),
        ("宁波 街景 分割", ["宁波市城市部件街景图像分割数据集"]),
        ("广州 政策文件", ["广州市政策文件条款要素抽取数据集"]),
        ("乐山 数字病理", ["乐山市数字病理切片标注数据集"]),
        ("宜宾 电子病历", ["宜宾市电子病历命名实体标注数据集"]),
        ("唐山 心电图", ["唐山市心电图异常波形标注数据集"]),
        ("太原 风电 叶片", ["太原市风电机组叶片缺陷图像标注数据集"]),
        ("鞍山 焊缝", ["鞍山市焊缝射线检测图像标注数据集"]),
        ("鞍山 晶圆", ["鞍山市集成电路晶圆缺陷图像标注数据集"]),
        ("三亚 海岸线", ["三亚市海岸线与海域使用遥感解译数据集"]),
        ("三亚 病虫害", ["三亚市农作物病虫害图像标注数据集"]),
        // Through synonyms: 医疗 → 医学, 影像 → 图像, 标记 → 标注, 音频 → 语音, 文字 → 文本.
        ("乐山 医疗科普", ["乐山市医学科普问答指令数据集"]),
        ("三亚 人居环境影像", ["三亚市乡村人居环境图像标注数据集"]),
        ("太原 输电线路 巡检影像", ["太原市输电线路巡检图像缺陷标注数据集"]),
        ("唐山 问诊 音频转写", ["唐山市基层医疗问诊语音转写数据集"]),
        ("太原 调度 日志 文字标记", ["太原市电网调度运行日志文本标注数据集"]),
        ("石家庄 病理切片 标记", ["石家庄市数字病理切片标注数据集"]),
    ];

    public async Task InitializeAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        if (await ScaleSeed.IsSeededAsync(connection, 9)) return;
        // The test hosts start without the demo catalog: it is what the set judges.
        await Registry.Api.Hosting.DemoCatalog.SeedAsync(api.Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var writer = await BulkWriter.OpenAsync(api.Services.GetRequiredService<DatabaseOptions>(), default);
        await ScaleSeed.RunAsync(writer, new ScaleSizes(0, 2_000, 0, 0, 9, new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero)),
            n => n, new Progress<SeedProgress>(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_set_has_at_least_thirty_queries_and_each_names_what_it_must_find() =>
        Assert.True(Judged.Length >= 30 && Judged.All(j => j.MustAppear.Length > 0), $"{Judged.Length} judged queries");

    [Fact]
    public async Task Recall_at_ten_of_the_judged_set_is_reported_and_holds_its_floor()
    {
        var client = api.CreateClient();
        var found = 0;
        var wanted = 0;
        var missed = new List<string>();
        foreach (var (query, mustAppear) in Judged)
        {
            var body = await (await client.GetAsync($"/api/v1/catalog?q={Uri.EscapeDataString(query)}&sort=relevance&pageSize=10")).SucceededJsonAsync();
            var titles = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToHashSet();
            var hits = mustAppear.Count(titles.Contains);
            found += hits;
            wanted += mustAppear.Length;
            if (hits < mustAppear.Length) missed.Add($"{query} (total {body.GetProperty("total").GetInt32()})");
        }
        var recall = (double)found / wanted;
        var provider = api.Services.GetRequiredService<DatabaseOptions>().Provider;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"relevance set ({provider}): recall@10 = {recall:0.000} ({found} of {wanted} judged entries, {Judged.Length} queries, 2,000 generated distractors)")
            + (missed.Count == 0 ? "" : "; missed: " + string.Join("; ", missed));
        if (Environment.GetEnvironmentVariable("REGISTRY_REPORT_DIR") is { Length: > 0 } folder && Directory.Exists(folder))
            await File.WriteAllTextAsync(Path.Combine(folder, $"relevance-{provider}.txt"), line + Environment.NewLine);
        Assert.True(recall >= 1.0, line);
    }
}

public sealed class RelevanceSetTests_Sqlite(SqliteApi api) : RelevanceSetTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class RelevanceSetTests_PostgreSql(PostgreSqlApi api) : RelevanceSetTests(api), IClassFixture<PostgreSqlApi>;
