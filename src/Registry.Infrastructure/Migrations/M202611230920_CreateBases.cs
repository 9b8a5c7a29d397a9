using System.Data;
using Dapper;
using FluentMigrator;
using Registry.Application.Common;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>The data labeling bases, their focus domains, the directory read model, and the seven national bases.</summary>
[Migration(202611230920, "Bases and the seven national data labeling bases")]
public sealed class M202611230920_CreateBases : RegistryMigration
{
    public override void Up()
    {
        Create.Table("bases")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("code").AsString(40).NotNullable().Unique("ux_bases_code")
            .WithColumn("name_zh").AsString(100).NotNullable()
            .WithColumn("name_en").AsString(100).Nullable()
            .WithColumn("level").AsString(20).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_bases_region", "regions", "code")
            .WithColumn("focus_zh").AsString(500).Nullable()
            .WithColumn("focus_en").AsString(500).Nullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();

        Create.Table("base_focus_domains")
            .WithColumn("base_id").AsGuid().NotNullable().PrimaryKey("pk_base_focus_domains").ForeignKey("fk_base_focus_domains_base", "bases", "id")
            .WithColumn("domain_code").AsString(60).NotNullable().PrimaryKey("pk_base_focus_domains");

        Create.Table("base_directory")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("code").AsString(40).NotNullable()
            .WithColumn("name_zh").AsString(100).NotNullable()
            .WithColumn("name_en").AsString(100).Nullable()
            .WithColumn("level").AsString(20).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("region_name_zh").AsString(100).NotNullable()
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("province_name_zh").AsString(100).NotNullable()
            .WithColumn("focus_zh").AsString(500).Nullable()
            .WithColumn("focus_en").AsString(500).Nullable()
            .WithColumn("focus_domains").AsString(1000).Nullable()
            .WithColumn("enterprise_count").AsInt32().NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_base_directory_region").OnTable("base_directory").OnColumn("region_code");
        Create.Index("ix_base_directory_province").OnTable("base_directory").OnColumn("province_code");

        // Seeded through Dapper, like every later write, so identifiers and times have the one stored format.
        Execute.WithConnection(SeedNationalBases);
    }

    private static void SeedNationalBases(IDbConnection connection, IDbTransaction transaction)
    {
        var dialect = Dialects.Of(connection);
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        foreach (var b in NationalBases)
        {
            var row = new
            {
                b.Id, b.Code, b.NameZh, b.NameEn, level = "national", b.RegionCode, b.FocusZh, b.FocusEn,
                rowVersion = 1L, now, focusDomains = string.Join(',', b.Domains),
            };
            connection.Execute(InsertBaseSql.For(dialect), SqlParameters.Of(row), transaction);
            foreach (var domain in b.Domains)
                connection.Execute(InsertFocusDomainSql.For(dialect), SqlParameters.Of(new { baseId = b.Id, domain }), transaction);
            connection.Execute(InsertDirectorySql.For(dialect), SqlParameters.Of(row), transaction);
        }
    }

    private sealed record NationalBase(Guid Id, string Code, string NameZh, string NameEn, string RegionCode,
        string? FocusZh, string? FocusEn, string[] Domains);

    // The seven national data labeling bases announced in May 2024. Shenyang's and Hefei's focus was not published.
    private static readonly NationalBase[] NationalBases =
    [
        new(Guid.Parse("01a20730-da0f-7e92-8001-840249ff8112"), "chengdu", "成都数据标注基地", "Chengdu Data Labeling Base", "510100",
            "“标注+”赋能千行百业；四川方言语音数据", "\"Labeling+\" across industries; Sichuan-dialect speech data", []),
        new(Guid.Parse("01a20730-db31-7ad0-8538-f3fbcd0adee1"), "shenyang", "沈阳数据标注基地", "Shenyang Data Labeling Base", "210100",
            null, null, []),
        new(Guid.Parse("01a20730-dc50-7a97-92dc-dad936048cad"), "hefei", "合肥数据标注基地", "Hefei Data Labeling Base", "340100",
            null, null, []),
        new(Guid.Parse("01a20730-dd86-748e-ab53-0f055406c279"), "changsha", "长沙数据标注基地", "Changsha Data Labeling Base", "430100",
            "音视频与文化创意数据；教育", "Audio/video and cultural-creative data; education", ["education"]),
        new(Guid.Parse("01a20730-dea9-72b2-be11-dc55c61cf890"), "haikou", "海口数据标注基地", "Haikou Data Labeling Base", "460100",
            "国际化人工智能数据；卫星遥感与测绘", "International AI data; satellite remote sensing and mapping", ["digital_trade", "science"]),
        new(Guid.Parse("01a20730-dfc8-7863-bacd-f6fa69ee7dbf"), "baoding", "保定数据标注基地", "Baoding Data Labeling Base", "130600",
            "医疗、新能源、智能驾驶、人工智能评测", "Medical, new energy, intelligent driving, AI evaluation", ["healthcare", "energy", "autonomous_driving"]),
        new(Guid.Parse("01a20730-e0e5-78c2-b912-af7fb5c79e7a"), "datong", "大同数据标注基地", "Datong Data Labeling Base", "140200",
            "标注与算力中心协同，服务京津冀", "Labeling alongside computing centres, serving Beijing–Tianjin–Hebei", ["information_services"]),
    ];

    private static readonly Sql InsertBaseSql = new("""
        insert into bases (id, code, name_zh, name_en, level, region_code, focus_zh, focus_en, row_version, created_at, updated_at)
        values (@id, @code, @nameZh, @nameEn, @level, @regionCode, @focusZh, @focusEn, @rowVersion, @now, @now)
        """);

    private static readonly Sql InsertFocusDomainSql = new("insert into base_focus_domains (base_id, domain_code) values (@baseId, @domain)");

    private static readonly Sql InsertDirectorySql = new("""
        insert into base_directory (id, code, name_zh, name_en, level, region_code, region_name_zh, province_code, province_name_zh,
            focus_zh, focus_en, focus_domains, enterprise_count, updated_at)
        select @id, @code, @nameZh, @nameEn, @level, r.code, r.name_zh, p.code, p.name_zh, @focusZh, @focusEn, @focusDomains, 0, @now
        from regions r join regions p on p.code = coalesce(r.parent_code, r.code)
        where r.code = @regionCode
        """);

    public override void Down()
    {
        Delete.Table("base_directory");
        Delete.Table("base_focus_domains");
        Delete.Table("bases");
    }
}
