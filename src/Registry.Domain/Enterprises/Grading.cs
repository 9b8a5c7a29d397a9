using Registry.Domain.Reference;

namespace Registry.Domain.Enterprises;

/// <summary>What the grading rule looks at in an enterprise's declared profile.</summary>
public sealed record EnterpriseFacts(
    int TotalStaff,
    IReadOnlyDictionary<string, int> AnnotatorsBySkillLevel,
    int MlpsLevel,
    bool Iso27001,
    bool SecureFacility)
{
    public int Annotators => AnnotatorsBySkillLevel.Values.Sum();

    /// <summary>Annotators at skill level 3 (高级工) or above.</summary>
    public int SeniorAnnotators => Count("level_3", "level_2", "level_1");

    /// <summary>Annotators at skill level 2 (技师) or above.</summary>
    public int TechnicianAnnotators => Count("level_2", "level_1");

    private int Count(params string[] levels) => levels.Sum(l => AnnotatorsBySkillLevel.GetValueOrDefault(l));
}

/// <summary>The requirements of one certificate grade (1 lowest … 5 highest).</summary>
public sealed record GradeRequirement(int Grade, int MinStaff, int MinAnnotators, int MinSeniorAnnotators, int MinTechnicians,
    int MinMlpsLevel, bool NeedsIso27001, bool NeedsSecureFacility);

/// <summary>
/// Registry's default grading rule for labeling enterprises (documented in docs/certification.md): each grade asks
/// for more staff, more certified annotators at higher skill levels, and stronger data security.
/// </summary>
public static class GradingRule
{
    public const int MinGrade = 1;
    public const int MaxGrade = 5;

    public static IReadOnlyList<GradeRequirement> Requirements { get; } =
    [
        new(1, 10, 5, 0, 0, 1, false, false),
        new(2, 30, 20, 2, 0, 2, false, false),
        new(3, 100, 60, 10, 0, 2, true, false),
        new(4, 300, 200, 30, 5, 3, true, true),
        new(5, 800, 500, 80, 15, 3, true, true),
    ];

    public static bool IsGrade(int grade) => grade is >= MinGrade and <= MaxGrade;

    /// <summary>What the facts lack for the grade, one plain sentence each; empty when the grade is met.</summary>
    public static IReadOnlyList<string> Shortfalls(EnterpriseFacts facts, int grade)
    {
        if (!IsGrade(grade)) throw new ArgumentOutOfRangeException(nameof(grade), grade, "Grades are 1 to 5.");
        var r = Requirements[grade - 1];
        var gaps = new List<string>();
        if (facts.TotalStaff < r.MinStaff) gaps.Add($"grade {grade} needs at least {r.MinStaff} staff, not {facts.TotalStaff}");
        if (facts.Annotators < r.MinAnnotators) gaps.Add($"grade {grade} needs at least {r.MinAnnotators} certified annotators, not {facts.Annotators}");
        if (facts.SeniorAnnotators < r.MinSeniorAnnotators)
            gaps.Add($"grade {grade} needs at least {r.MinSeniorAnnotators} annotators at skill level 3 or above, not {facts.SeniorAnnotators}");
        if (facts.TechnicianAnnotators < r.MinTechnicians)
            gaps.Add($"grade {grade} needs at least {r.MinTechnicians} annotators at skill level 2 or above, not {facts.TechnicianAnnotators}");
        if (facts.MlpsLevel < r.MinMlpsLevel) gaps.Add($"grade {grade} needs MLPS (等级保护) level {r.MinMlpsLevel} or higher, not {facts.MlpsLevel}");
        if (r.NeedsIso27001 && !facts.Iso27001) gaps.Add($"grade {grade} needs ISO/IEC 27001 certification");
        if (r.NeedsSecureFacility && !facts.SecureFacility) gaps.Add($"grade {grade} needs an on-premise secure labeling facility");
        return gaps;
    }

    /// <summary>The highest grade the facts meet, or 0 when not even grade 1.</summary>
    public static int HighestGrade(EnterpriseFacts facts) =>
        Requirements.Where(r => Shortfalls(facts, r.Grade).Count == 0).Select(r => r.Grade).DefaultIfEmpty(0).Max();
}

/// <summary>Designations regulators grant to enterprises (企业称号).</summary>
public static class Designations
{
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("leading", "龙头企业", "Leading enterprise", 1),
        new("gazelle", "瞪羚企业", "Gazelle enterprise", 2),
        new("unicorn", "独角兽企业", "Unicorn enterprise", 3),
        new("sti", "科技创新型企业", "S&T innovation-oriented enterprise", 4),
    ];

    public static bool IsKnown(string? code) => All.Any(d => d.Code == code);
}

/// <summary>
/// Which data an enterprise may handle (DESIGN §3, GB/T 43697-2024): core data is never put out to tender; important
/// data only with MLPS level 3 or higher and an active certificate; general data with any active certificate.
/// </summary>
public static class Clearance
{
    public static bool MayHandle(string securityLevel, int mlpsLevel, bool activeCertificate) => securityLevel switch
    {
        DataSecurityLevels.General => activeCertificate,
        DataSecurityLevels.Important => activeCertificate && mlpsLevel >= 3,
        _ => false,
    };

    /// <summary>The highest level of data the enterprise may handle, or null for none.</summary>
    public static string? HighestLevel(int mlpsLevel, bool activeCertificate) =>
        MayHandle(DataSecurityLevels.Important, mlpsLevel, activeCertificate) ? DataSecurityLevels.Important
        : MayHandle(DataSecurityLevels.General, mlpsLevel, activeCertificate) ? DataSecurityLevels.General
        : null;
}
