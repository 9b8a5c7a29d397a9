using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// Unified social credit codes no other arrangement of this test process gets. Credit codes are unique in the
/// database; seven random digits collided (the birthday problem over the thousands of organizations one test
/// database collects), so the digits come from one process-wide counter, started at a random point so that a
/// database kept between runs does not see the same codes again.
/// </summary>
public static class TestCreditCodes
{
    private static int next = Random.Shared.Next(1_000_000, 5_000_000);

    /// <summary>A valid code: the ten-character prefix (authority, kind, region, organization-code letters), seven counted digits, the check character.</summary>
    public static string Next(string prefix)
    {
        if (prefix.Length != 10) throw new ArgumentException("The prefix has ten characters: authority, kind, region code and two letters.", nameof(prefix));
        return UnifiedSocialCreditCode.Create(prefix + Interlocked.Increment(ref next));
    }
}
