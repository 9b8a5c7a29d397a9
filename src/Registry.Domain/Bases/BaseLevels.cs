namespace Registry.Domain.Bases;

/// <summary>The level at which a data labeling base (数据标注基地) was designated: national or provincial.</summary>
public static class BaseLevels
{
    public const string National = "national";
    public const string Provincial = "provincial";

    public static IReadOnlyList<string> All { get; } = [National, Provincial];

    public static bool IsKnown(string? level) => level is National or Provincial;
}
