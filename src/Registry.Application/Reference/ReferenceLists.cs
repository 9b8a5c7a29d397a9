namespace Registry.Application.Reference;

/// <summary>The reference lists served read-only over the API, by their URL name.</summary>
public static class ReferenceLists
{
    public const string Domains = "domains";
    public const string Modalities = "modalities";
    public const string TaskTypes = "task-types";
    public const string SecurityLevels = "security-levels";
    public const string SkillLevels = "skill-levels";
    public const string Openness = "openness";

    public static readonly IReadOnlyList<string> All = [Domains, Modalities, TaskTypes, SecurityLevels, SkillLevels, Openness];
}
