using Registry.Domain.Time;

namespace Registry.Domain.Tests.Time;

public sealed class ChinaTimeTests
{
    [Fact]
    public void Sixteen_hundred_UTC_is_already_the_next_day_in_China()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), ChinaTime.DateOf(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 30), ChinaTime.DateOf(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void The_date_of_an_instant_does_not_depend_on_the_offset_it_was_written_in()
    {
        var instant = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(ChinaTime.DateOf(instant.ToUniversalTime()), ChinaTime.DateOf(instant));
        Assert.Equal(new DateOnly(2026, 3, 2), ChinaTime.DateOf(instant));
    }

    [Fact]
    public void Today_is_the_clocks_date_in_China()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 1), ChinaTime.Today(clock));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
