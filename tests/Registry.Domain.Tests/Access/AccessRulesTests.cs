using Registry.Domain.Access;

namespace Registry.Domain.Tests.Access;

public sealed class AccessRulesTests
{
    // The lockout rule became SignInThrottle (SignInThrottleTests); the roles stay here.
    [Theory]
    [InlineData("agency", true)]
    [InlineData("admin", true)]
    [InlineData("Admin", false)]
    [InlineData("root", false)]
    [InlineData(null, false)]
    public void Only_the_six_roles_are_known(string? role, bool known) => Assert.Equal(known, Roles.IsKnown(role));
}
