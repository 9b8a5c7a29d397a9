using System.Reflection;
using System.Text.Json;
using FluentMigrator;
using Registry.Domain.Reference;

namespace Registry.Infrastructure.Migrations;

/// <summary>GB/T 2260 regions (from the shipped data file) and the reference lists of DESIGN §3.</summary>
[Migration(202611230910, "Reference data: regions and lists")]
public sealed class M202611230910_CreateReferenceData : RegistryMigration
{
    public override void Up()
    {
        Create.Table("regions")
            .WithColumn("code").AsString(6).PrimaryKey()
            .WithColumn("name_zh").AsString(100).NotNullable()
            .WithColumn("name_en").AsString(100).Nullable()
            .WithColumn("level").AsString(20).NotNullable()
            .WithColumn("parent_code").AsString(6).Nullable().ForeignKey("fk_regions_parent", "regions", "code");
        Create.Index("ix_regions_parent_code").OnTable("regions").OnColumn("parent_code");

        foreach (var r in ReferenceDataFiles.Regions())
            Insert.IntoTable("regions").Row(new { code = r.Code, name_zh = r.NameZh, name_en = r.NameEn, level = r.Level, parent_code = r.ParentCode });

        Create.Table("reference_items")
            .WithColumn("list").AsString(40).NotNullable().PrimaryKey("pk_reference_items")
            .WithColumn("code").AsString(60).NotNullable().PrimaryKey("pk_reference_items")
            .WithColumn("name_zh").AsString(100).NotNullable()
            .WithColumn("name_en").AsString(100).NotNullable()
            .WithColumn("sort_order").AsInt32().NotNullable();

        Seed("domains", IndustryDomains.All);
        Seed("modalities", Modalities.All);
        Seed("task-types", TaskTypes.All);
        Seed("security-levels", DataSecurityLevels.All);
        Seed("skill-levels", SkillLevels.All);
        Seed("openness", Openness.All);
    }

    private void Seed(string list, IEnumerable<ReferenceItem> items)
    {
        foreach (var i in items)
            Insert.IntoTable("reference_items").Row(new { list, code = i.Code, name_zh = i.NameZh, name_en = i.NameEn, sort_order = i.Order });
    }

    public override void Down()
    {
        Delete.Table("reference_items");
        Delete.Table("regions");
    }
}

/// <summary>Data files shipped inside this assembly.</summary>
internal static class ReferenceDataFiles
{
    public sealed record RegionRecord(string Code, string NameZh, string? NameEn, string Level, string? ParentCode);

    public static IReadOnlyList<RegionRecord> Regions()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Registry.ReferenceData.regions.json")
            ?? throw new InvalidOperationException("regions.json is not embedded.");
        return JsonSerializer.Deserialize<List<RegionRecord>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
