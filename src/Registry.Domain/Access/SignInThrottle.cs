using System.Net;
using System.Net.Sockets;

namespace Registry.Domain.Access;

/// <summary>
/// Slows password guessing per username and client network with growing waits, instead of locking the account:
/// failures from one network never stop the same person signing in from another.
/// </summary>
public sealed record SignInThrottle(int FreeAttempts, TimeSpan FirstWait, TimeSpan MaxWait, TimeSpan ForgetAfter)
{
    /// <summary>Four free attempts; from the fifth failure on a wait of 1, 2, 4 ... minutes, at most an hour; forgotten after a quiet day.</summary>
    public static SignInThrottle Default { get; } = new(4, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1));

    /// <summary>The end of the current wait, or null when an attempt may be made now.</summary>
    public DateTimeOffset? WaitUntil(DateTimeOffset? blockedUntil, DateTimeOffset now) =>
        blockedUntil is { } until && until > now ? until : null;

    /// <summary>
    /// An attempt is counted as a failure before the password is checked, so parallel guesses cannot slip between check
    /// and count; a success clears the count again. Returns the new count and the wait that applies if it fails.
    /// </summary>
    public (int Failures, DateTimeOffset? BlockedUntil) Claim(int failures, DateTimeOffset? lastFailedAt, DateTimeOffset now)
    {
        var count = (lastFailedAt is { } last && now - last >= ForgetAfter ? 0 : failures) + 1;
        return (count, count <= FreeAttempts ? null : now + Wait(count));
    }

    /// <summary>The wait after <paramref name="failures"/> consecutive failures: doubling from the first one past the free attempts, capped.</summary>
    public TimeSpan Wait(int failures)
    {
        var doublings = failures - FreeAttempts - 1;
        if (doublings < 0) return TimeSpan.Zero;
        if (doublings >= 30) return MaxWait;
        var wait = FirstWait * (1L << doublings);
        return wait < MaxWait ? wait : MaxWait;
    }

    /// <summary>
    /// The network an attempt comes from: an IPv4 address, or the /64 prefix of an IPv6 address (one subscriber's
    /// allocation, so rotating addresses within it gains nothing); "unknown" without an address.
    /// </summary>
    public static string NetworkOf(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
