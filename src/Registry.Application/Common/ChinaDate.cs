namespace Registry.Application.Common;

/// <summary>Calendar dates of the registry (certificate validity, designations) are dates in China Standard Time (UTC+8).</summary>
public static class ChinaDate
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
}
