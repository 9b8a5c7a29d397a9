namespace Registry.Domain.Time;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving): the calendar of the registry's dates (bid deadlines, due dates, certificate
/// validity, designations). Instants are stored in UTC; a date is the date in China at that instant.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The calendar date in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's date in China by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>An instant as people in China read it, with its offset: <c>2026-12-08 10:00 (UTC+08:00)</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (UTC+08:00)";

    /// <summary>The same to the second, for waits of less than a minute: <c>2026-12-08 10:00:30 (UTC+08:00)</c>.</summary>
    public static string FormatToSecond(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " (UTC+08:00)";
}
