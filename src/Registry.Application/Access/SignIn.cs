using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Users;
using Registry.Domain.Access;

namespace Registry.Application.Access;

public enum SignInResult
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
}

/// <summary>What a sign-in attempt decided; failures are answers, not errors, so the failure count is stored.</summary>
public sealed record SignInOutcome(SignInResult Result, Guid? UserId, bool MustChangePassword, DateTimeOffset? LockedUntil);

/// <summary>A person signs in with username and password; five wrong passwords lock the account for a while.</summary>
[Public]
public sealed record SignIn(string Username, [property: Redacted] string Password) : ICommand<SignInOutcome>;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.Username).NotEmpty().PlainText(64);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
    }
}

internal sealed class SignInHandler(PasswordCheck check) : IRequestHandler<SignIn, SignInOutcome>
{
    public Task<SignInOutcome> Handle(SignIn c, CancellationToken ct) => check.SignInAsync(c.Username, c.Password, ct);
}

/// <summary>Checks a password against the account, counting failures and locking per <see cref="LockoutPolicy"/>.</summary>
internal sealed class PasswordCheck(IWriteDb db, IOutbox outbox, IPasswordHasher hasher, TimeProvider clock)
{
    private static readonly LockoutPolicy Policy = LockoutPolicy.Default;
    private static string? _dummyHash;

    public async Task<SignInOutcome> SignInAsync(string username, string password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        username = username.ToLowerInvariant();
        var user = await db.QuerySingleOrDefaultAsync<Account>(FindSql, new { username }, ct);
        outbox.Concerning("user", user?.Id.ToString() ?? username);
        if (user is null)
        {
            // Spend the time of a real check, so that which usernames exist cannot be learned by timing.
            hasher.Verify(_dummyHash ??= hasher.Hash("no such user 0"), password);
            return new(SignInResult.InvalidCredentials, null, false, null);
        }
        if (Policy.IsLocked(user.LockedUntil, now)) return new(SignInResult.LockedOut, null, false, user.LockedUntil);

        if (!hasher.Verify(user.PasswordHash, password) || !user.Active || !user.OrganizationActive)
        {
            var (failed, lockedUntil) = Policy.AfterFailure(user.FailedAttempts, now);
            await db.ExecuteAsync(FailSql, new { user.Id, failed, lockedUntil }, ct);
            return lockedUntil is null
                ? new(SignInResult.InvalidCredentials, null, false, null)
                : new(SignInResult.LockedOut, null, false, lockedUntil);
        }
        await db.ExecuteAsync(SucceedSql, new { user.Id, now }, ct);
        return new(SignInResult.Succeeded, user.Id, user.MustChangePassword, null);
    }

    private sealed class Account
    {
        public Guid Id { get; init; }
        public string PasswordHash { get; init; } = "";
        public bool MustChangePassword { get; init; }
        public int FailedAttempts { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
        public bool Active { get; init; }
        public bool OrganizationActive { get; init; }
    }

    private static readonly Sql FindSql = new("""
        select u.id, u.password_hash, u.must_change_password, u.failed_attempts, u.locked_until, u.active, o.active as organization_active
        from users u join organizations o on o.id = u.organization_id
        where u.username = @username
        """);

    private static readonly Sql FailSql = new("update users set failed_attempts = @failed, locked_until = @lockedUntil where id = @id");

    private static readonly Sql SucceedSql = new("update users set failed_attempts = 0, locked_until = null, last_sign_in_at = @now where id = @id");
}

/// <summary>A person replaces a password (required after an initial one), proving the current one.</summary>
[Public]
public sealed record ChangePassword(string Username, [property: Redacted] string CurrentPassword, [property: Redacted] string NewPassword)
    : ICommand<SignInOutcome>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.Username).NotEmpty().PlainText(64);
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(x => x.NewPassword).Must(PasswordRule.IsAcceptable).WithMessage(PasswordRule.Message);
        RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}

internal sealed class ChangePasswordHandler(PasswordCheck check, IWriteDb db, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<ChangePassword, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(ChangePassword c, CancellationToken ct)
    {
        var outcome = await check.SignInAsync(c.Username, c.CurrentPassword, ct);
        if (outcome.Result != SignInResult.Succeeded) return outcome;
        await db.ExecuteAsync(ChangeSql, new { id = outcome.UserId, hash = hasher.Hash(c.NewPassword), no = false, now = clock.GetUtcNow() }, ct);
        return outcome with { MustChangePassword = false };
    }

    private static readonly Sql ChangeSql = new("""
        update users set password_hash = @hash, must_change_password = @no, row_version = row_version + 1, updated_at = @now where id = @id
        """);
}
