using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>
/// Checks a password against the account, throttled per username and client network by <see cref="SignInThrottle"/>, and logs
/// the attempt in <c>sign_in_attempts</c>. Inside a command (a password change) it joins the command's transaction; on its own
/// (sign-in) it writes in two short transactions and hashes between them, holding no lock while it hashes.
/// </summary>
internal sealed class PasswordCheck(IWriteDb db, WriteSession session, IOutbox outbox, IPasswordHasher hasher, TimeProvider clock)
{
    private static readonly SignInThrottle Throttle = SignInThrottle.Default;
    private static string? _dummyHash;

    public async Task<SignInOutcome> SignInAsync(string username, string password, string? clientAddress, CancellationToken ct)
    {
        var attempt = new Attempt(username.ToLowerInvariant(), clientAddress, SignInThrottle.NetworkOf(clientAddress), clock.GetUtcNow());
        var (user, refused) = await session.InTransactionAsync(() => ClaimAsync(attempt, ct), ct);
        if (refused is not null) return refused;

        var verified = await hasher.VerifyAsync(user?.PasswordHash ?? (_dummyHash ??= hasher.Hash("no such user 0")), password, ct);
        var succeeded = user is not null && verified && user.Active && user.OrganizationActive;
        return await session.InTransactionAsync(async () =>
        {
            await LogAsync(attempt, user?.Id, succeeded ? "succeeded" : "invalid_credentials", ct);
            if (!succeeded) return new SignInOutcome(SignInResult.InvalidCredentials, null, false, null);
            await db.ExecuteAsync(ForgetSql, new { attempt.Username, attempt.ClientNetwork }, ct);
            await db.ExecuteAsync(SucceedSql, new { user!.Id, now = attempt.At }, ct);
            return new SignInOutcome(SignInResult.Succeeded, user.Id, user.MustChangePassword, null);
        }, ct);
    }

    // The same steps for known and unknown usernames: same answers, same work, so neither tells the other apart.
    private async Task<(Account? User, SignInOutcome? Refused)> ClaimAsync(Attempt attempt, CancellationToken ct)
    {
        var user = await db.QuerySingleOrDefaultAsync<Account>(FindSql, new { attempt.Username }, ct);
        outbox.Concerning("user", user?.Id.ToString() ?? attempt.Username);
        var key = new { attempt.Username, attempt.ClientNetwork };
        await db.ExecuteAsync(TouchThrottleSql, new { username = attempt.Username, client_network = attempt.ClientNetwork, last_attempt_at = attempt.At }, ct);
        var state = (await db.QuerySingleOrDefaultAsync<ThrottleState>(ThrottleSql, key, ct))!;
        if (Throttle.WaitUntil(state.BlockedUntil, attempt.At) is { } until)
            return (user, await RefuseAsync(attempt, user, until, ct));
        // Counted as a failure before the password is checked, so parallel guesses cannot slip between check and count.
        var (failures, blockedUntil) = Throttle.Claim(state.FailedAttempts, state.LastFailedAt, attempt.At);
        var claimed = await db.ExecuteAsync(ClaimSql,
            new { key.Username, key.ClientNetwork, failures, blockedUntil, now = attempt.At, previous = state.FailedAttempts }, ct);
        // Another attempt of the same pair counted itself first: this one waits rather than check a password uncounted.
        if (claimed == 0) return (user, await RefuseAsync(attempt, user, attempt.At + Throttle.FirstWait, ct));
        return (user, null);
    }

    private async Task<SignInOutcome> RefuseAsync(Attempt attempt, Account? user, DateTimeOffset until, CancellationToken ct)
    {
        await LogAsync(attempt, user?.Id, "throttled", ct);
        return new SignInOutcome(SignInResult.Throttled, null, false, until);
    }

    private Task LogAsync(Attempt attempt, Guid? userId, string outcome, CancellationToken ct) =>
        db.ExecuteAsync(LogSql, new
        {
            id = Guid.CreateVersion7(), attemptedAt = attempt.At, attempt.Username, userId, clientAddress = attempt.ClientAddress,
            attempt.ClientNetwork, outcome,
        }, ct);

    private sealed record Attempt(string Username, string? ClientAddress, string ClientNetwork, DateTimeOffset At);

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

    private static readonly Sql LogSql = new("""
        insert into sign_in_attempts (id, attempted_at, username, user_id, client_address, client_network, outcome)
        values (@id, @attemptedAt, @username, @userId, @clientAddress, @clientNetwork, @outcome)
        """);
}
