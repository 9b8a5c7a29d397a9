using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>Checks a password against the account, throttled per username and client network by <see cref="SignInThrottle"/>.</summary>
internal sealed class PasswordCheck(IWriteDb db, IOutbox outbox, IPasswordHasher hasher, TimeProvider clock)
{
    private static readonly SignInThrottle Throttle = SignInThrottle.Default;
    private static string? _dummyHash;

    public async Task<SignInOutcome> SignInAsync(string username, string password, string? clientAddress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        username = username.ToLowerInvariant();
        var key = new { username, clientNetwork = SignInThrottle.NetworkOf(clientAddress) };
        var user = await db.QuerySingleOrDefaultAsync<Account>(FindSql, new { username }, ct);
        outbox.Concerning("user", user?.Id.ToString() ?? username);

        // The same steps for known and unknown usernames: same answers, same work, so neither tells the other apart.
        await db.ExecuteAsync(TouchThrottleSql, new { key.username, client_network = key.clientNetwork, last_attempt_at = now }, ct);
        var state = (await db.QuerySingleOrDefaultAsync<ThrottleState>(ThrottleSql, key, ct))!;
        if (Throttle.WaitUntil(state.BlockedUntil, now) is { } until) return new(SignInResult.Throttled, null, false, until);
        var (failures, blockedUntil) = Throttle.Claim(state.FailedAttempts, state.LastFailedAt, now);
        var claimed = await db.ExecuteAsync(ClaimSql,
            new { key.username, key.clientNetwork, failures, blockedUntil, now, previous = state.FailedAttempts }, ct);
        // Another attempt of the same pair counted itself first: this one waits rather than check a password uncounted.
        if (claimed == 0) return new(SignInResult.Throttled, null, false, now + Throttle.FirstWait);

        var verified = hasher.Verify(user?.PasswordHash ?? (_dummyHash ??= hasher.Hash("no such user 0")), password);
        if (user is null || !verified || !user.Active || !user.OrganizationActive)
            return new(SignInResult.InvalidCredentials, null, false, null);
        await db.ExecuteAsync(ForgetSql, key, ct);
        await db.ExecuteAsync(SucceedSql, new { user.Id, now }, ct);
        return new(SignInResult.Succeeded, user.Id, user.MustChangePassword, null);
    }

    private sealed class Account
    {
        public Guid Id { get; init; }
        public string PasswordHash { get; init; } = "";
        public bool MustChangePassword { get; init; }
        public bool Active { get; init; }
        public bool OrganizationActive { get; init; }
    }

    private sealed class ThrottleState
    {
        public int FailedAttempts { get; init; }
        public DateTimeOffset? BlockedUntil { get; init; }
        public DateTimeOffset? LastFailedAt { get; init; }
    }

    private static readonly Sql FindSql = new("""
        select u.id, u.password_hash, u.must_change_password, u.active, o.active as organization_active
        from users u join organizations o on o.id = u.organization_id
        where u.username = @username
        """);

    // Creates the pair's row when missing (count 0) and notes the attempt; an existing row keeps its count.
    private static readonly Sql TouchThrottleSql = new(d =>
        d.Upsert("sign_in_throttles", ["username", "client_network"], ["username", "client_network", "last_attempt_at"]));

    private static readonly Sql ThrottleSql = new("""
        select failed_attempts, blocked_until, last_failed_at from sign_in_throttles
        where username = @username and client_network = @clientNetwork
        """);

    private static readonly Sql ClaimSql = new("""
        update sign_in_throttles set failed_attempts = @failures, blocked_until = @blockedUntil, last_failed_at = @now
        where username = @username and client_network = @clientNetwork and failed_attempts = @previous
        """);

    private static readonly Sql ForgetSql = new("delete from sign_in_throttles where username = @username and client_network = @clientNetwork");

    private static readonly Sql SucceedSql = new("update users set last_sign_in_at = @now where id = @id");
}
