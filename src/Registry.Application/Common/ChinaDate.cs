using Registry.Domain.Time;

namespace Registry.Application.Common;

/// <summary>The registry's calendar dates, in China Standard Time; <see cref="ChinaTime"/> holds the offset and the rules.</summary>
public static class ChinaDate
{
    public static readonly TimeSpan Offset = ChinaTime.Offset;

    public static DateOnly Today(TimeProvider clock) => ChinaTime.Today(clock);
}
