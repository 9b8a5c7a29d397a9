using Registry.Domain.Access;

namespace Registry.Domain.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_wrong_password_in_a_row_locks_the_account_for_fifteen_minutes()
    {
        var policy = LockoutPolicy.Default;

        Assert.Equal((4, (DateTimeOffset?)null), policy.AfterFailure(3, Now));
        Assert.Equal((0, (DateTimeOffset?)Now.AddMinutes(15)), policy.AfterFailure(4, Now));
    }

    [Fact]
    public void A_lockout_holds_until_its_end_and_not_after()
    {
        var policy = LockoutPolicy.Default;

        Assert.False(policy.IsLocked(null, Now));
        Assert.True(policy.IsLocked(Now.AddTicks(1), Now));
        Assert.False(policy.IsLocked(Now, Now));
        Assert.False(policy.IsLocked(Now.AddTicks(-1), Now));
    }

    [Theory]
    [InlineData("agency", true)]
    [InlineData("admin", true)]
    [InlineData("Admin", false)]
    [InlineData("root", false)]
    [InlineData(null, false)]
    public void Only_the_six_roles_are_known(string? role, bool known) => Assert.Equal(known, Roles.IsKnown(role));
}
