namespace Registry.Domain.Reference;

/// <summary>An entry of a reference list: a stable code with its Chinese and English names.</summary>
public sealed record ReferenceItem(string Code, string NameZh, string NameEn, int Order);

internal static class ReferenceList
{
    public static IReadOnlyList<ReferenceItem> Of(params (string Code, string Zh, string En)[] items) =>
        items.Select((i, n) => new ReferenceItem(i.Code, i.Zh, i.En, n + 1)).ToList();
}

/// <summary>Industry fields that labeling serves (行业领域).</summary>
public static class IndustryDomains
{
    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        ("agriculture", "农业", "Agriculture"),
        ("manufacturing", "工业制造", "Manufacturing"),
        ("transport", "交通运输", "Transport"),
        ("healthcare", "医疗健康", "Healthcare"),
        ("finance", "金融", "Finance"),
        ("science", "科学研究", "Science"),
        ("government_services", "政务服务", "Government services"),
        ("urban_governance", "城市治理", "Urban governance"),
        ("rural_revitalization", "乡村振兴", "Rural revitalization"),
        ("autonomous_driving", "自动驾驶", "Autonomous driving"),
        ("low_altitude_economy", "低空经济", "Low-altitude economy"),
        ("digital_trade", "数字贸易", "Digital trade"),
        ("human_resources", "人力资源", "Human resources"),
        ("information_services", "信息服务", "Information services"),
        ("education", "教育", "Education"),
        ("energy", "能源", "Energy"),
        ("other", "其他", "Other"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}

/// <summary>Kinds of data to be labeled (数据模态).</summary>
public static class Modalities
{
    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        ("text", "文本", "Text"),
        ("image", "图像", "Image"),
        ("video", "视频", "Video"),
        ("audio", "语音/音频", "Audio"),
        ("point_cloud", "点云（3D）", "Point cloud (3D)"),
        ("four_d", "4D（时序3D）", "4D (sequential 3D)"),
        ("multimodal", "多模态", "Multimodal"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}

/// <summary>Labeling task types (标注任务类型).</summary>
public static class TaskTypes
{
    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        ("classification", "分类", "Classification"),
        ("bounding_box", "拉框", "Bounding box"),
        ("segmentation", "多边形/语义分割", "Polygon / segmentation"),
        ("keypoints", "关键点", "Keypoints"),
        ("object_tracking", "目标跟踪", "Object tracking"),
        ("transcription", "转写", "Transcription"),
        ("entity_relation", "实体与关系", "Named entities and relations"),
        ("cuboid_3d", "3D立体框", "3D cuboid"),
        ("annotation_4d", "4D标注", "4D annotation"),
        ("cross_modal_alignment", "跨模态对齐", "Cross-modal alignment"),
        ("preference_ranking", "偏好排序（RLHF）", "Preference ranking (RLHF)"),
        ("instruction_writing", "指令编写（SFT）", "Instruction writing (SFT)"),
        ("chain_of_thought", "思维链专家标注", "Chain-of-thought expert annotation"),
        ("labeling_review", "标注审核", "Labeling review"),
        ("quality_assessment", "质量评估", "Quality assessment"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}

/// <summary>Data security levels of GB/T 43697-2024 (数据安全级别): general, important, core.</summary>
public static class DataSecurityLevels
{
    public const string General = "general";
    public const string Important = "important";
    public const string Core = "core";

    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        (General, "一般数据", "General data"),
        (Important, "重要数据", "Important data"),
        (Core, "核心数据", "Core data"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);

    /// <summary>1 for general, 2 for important, 3 for core.</summary>
    public static int Rank(string code) =>
        All.FirstOrDefault(i => i.Code == code)?.Order ?? throw new ArgumentException($"Unknown data security level '{code}'.", nameof(code));
}

/// <summary>Skill levels of the AI trainer occupation (人工智能训练师, 4-04-05-05), whose job types include the data annotator.</summary>
public static class SkillLevels
{
    public const string OccupationCode = "4-04-05-05";

    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        ("level_5", "五级/初级工", "Level 5 / Junior"),
        ("level_4", "四级/中级工", "Level 4 / Intermediate"),
        ("level_3", "三级/高级工", "Level 3 / Senior"),
        ("level_2", "二级/技师", "Level 2 / Technician"),
        ("level_1", "一级/高级技师", "Level 1 / Senior technician"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}

/// <summary>Openness of a public data catalog entry (开放属性).</summary>
public static class Openness
{
    public static IReadOnlyList<ReferenceItem> All { get; } = ReferenceList.Of(
        ("open", "无条件开放", "Open"),
        ("conditional", "有条件开放", "Conditional"),
        ("restricted", "不予开放", "Restricted"));

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}
