using Registry.Domain.Access;

namespace Registry.Domain.Tests.Access;

public sealed class SignInThrottleTests
{
    private static readonly SignInThrottle Throttle = SignInThrottle.Default;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(1000, 60)]
    public void Waits_double_from_the_fifth_failure_up_to_an_hour(int failures, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Throttle.Wait(failures));
    }

    [Fact]
    public void The_attempt_that_reaches_the_fifth_failure_starts_the_first_wait()
    {
        Assert.Equal((4, (DateTimeOffset?)null), Throttle.Claim(3, Now.AddMinutes(-1), Now));
        Assert.Equal((5, (DateTimeOffset?)Now.AddMinutes(1)), Throttle.Claim(4, Now.AddMinutes(-1), Now));
    }

    [Fact]
    public void Failures_are_forgotten_after_a_quiet_day()
    {
        Assert.Equal((1, (DateTimeOffset?)null), Throttle.Claim(9, Now.AddDays(-1), Now));
    }

    [Fact]
    public void A_wait_holds_until_its_end()
    {
        Assert.Equal(Now.AddSeconds(1), Throttle.WaitUntil(Now.AddSeconds(1), Now));
        Assert.Null(Throttle.WaitUntil(Now, Now));
        Assert.Null(Throttle.WaitUntil(null, Now));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    [InlineData("not an address", "unknown")]
    public void An_IPv6_client_is_known_by_its_64_bit_prefix(string? address, string network)
    {
        Assert.Equal(network, SignInThrottle.NetworkOf(address));
    }
}
